import type { UsageObservation } from './events';

export interface UsagePart {
  /** The latest weekly usage observations, oldest first (about a quarter's worth). */
  usage: UsageObservation[];
}
