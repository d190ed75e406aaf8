import type { RegisteredClient } from '../client/state';
import type { UsageEvent } from './events';

/** Weeks of usage kept in the state: enough for the two-month criteria. */
export const USAGE_WEEKS_KEPT = 13;

export function evolveUsage(state: RegisteredClient, event: UsageEvent): void {
  // one observation a week: a corrected import replaces that week's
  const usage = state.usage.filter((u) => u.weekStart !== event.data.weekStart);
  usage.push({ ...event.data });
  usage.sort((a, b) => (a.weekStart < b.weekStart ? -1 : 1));
  state.usage = usage.slice(-USAGE_WEEKS_KEPT);
}
