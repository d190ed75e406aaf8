import { ProductionCalendar } from '../calendar/production-calendar';
import { SHIPPED_CALENDAR_YEARS } from '../calendar/shipped';
import { BusinessTime, makeBusinessTime } from '../shared/business-time';
import type { Actor, CommandContext } from '../shared/roles';

/** Moscow time on the shipped production calendar. */
export const moscow: BusinessTime = makeBusinessTime(
  ProductionCalendar.fromYears(SHIPPED_CALENDAR_YEARS),
  'Europe/Moscow',
);

/** A command context at `now`, with ids e1, e2, … so that expected events can name them. */
export function contextAt(
  now: string,
  actor: Actor = { id: 'ros-1', role: 'ROS' },
  time: BusinessTime = moscow,
): CommandContext {
  let n = 0;
  return { ric: '444', actor, now: new Date(now), time, newEventId: () => `e${++n}` };
}
