import type { DeadlineKind } from './events';

export interface PendingDeadline {
  kind: DeadlineKind;
  dueAt: string;
  promiseId?: string;
  /** The DeadlineSet event: what its firing follows from. */
  setEventId?: string;
}

export interface DeadlinesPart {
  /** Durable timers set and neither fired nor cancelled yet. */
  deadlines: Record<string, PendingDeadline>;
}
