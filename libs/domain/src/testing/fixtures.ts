import { CommandContext } from '../shared/roles';
import { BusinessTime, makeBusinessTime, WorkingDays } from '../shared/business-time';
import type { Actor } from '../shared/roles';

/**
 * Non-working weekdays of 2026 by the government's decree (holidays and transferred days off):
 * 1–9 January (9th moved from Saturday 3rd), 23 February, 9 March (for Sunday 8th), 1 and 11 May
 * (11th for Saturday 9th), 12 June, 4 November, 31 December (moved from Sunday 4 January).
 * Tests of the shipped calendar itself live with it; this keeps the rules' tests self-contained.
 */
const DAYS_OFF_2026 = new Set([
  '2026-01-01',
  '2026-01-02',
  '2026-01-05',
  '2026-01-06',
  '2026-01-07',
  '2026-01-08',
  '2026-01-09',
  '2026-02-23',
  '2026-03-09',
  '2026-05-01',
  '2026-05-11',
  '2026-06-12',
  '2026-11-04',
  '2026-12-31',
]);

export const workingDays2026: WorkingDays = {
  isWorkingDay(date: string): boolean {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !DAYS_OFF_2026.has(date);
  },
};

export const moscow2026: BusinessTime = makeBusinessTime(workingDays2026, 'Europe/Moscow');

/** A command context at `now`, with ids e1, e2, … so that expected events can name them. */
export function contextAt(
  now: string,
  actor: Actor = { id: 'ros-1', role: 'ROS' },
  time: BusinessTime = moscow2026,
): CommandContext {
  let n = 0;
  return { ric: '444', actor, now: new Date(now), time, newEventId: () => `e${++n}` };
}
