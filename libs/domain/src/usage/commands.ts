import type { UsageObservation } from './events';

export interface RecordUsage {
  type: 'RecordUsage';
  observation: UsageObservation;
}

export type UsageCommand = RecordUsage;

export const USAGE_COMMAND_TYPES: Record<UsageCommand['type'], true> = { RecordUsage: true };
