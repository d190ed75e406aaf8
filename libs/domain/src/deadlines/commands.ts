/** The scheduler: a stored deadline's time has come. */
export interface FireDeadline {
  type: 'FireDeadline';
  deadlineId: string;
}

export type DeadlinesCommand = FireDeadline;

export const DEADLINES_COMMAND_TYPES: Record<DeadlinesCommand['type'], true> = { FireDeadline: true };
