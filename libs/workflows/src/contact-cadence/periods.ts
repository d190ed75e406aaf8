import {
  ContactCadence,
  RegisteredClient,
  addDays,
  assertNever,
  isoWeekday,
  joinId,
  lastDayOfMonth,
} from '@ledger/domain';

/** The last day of the period that starts on `start`. */
export function periodEnd(start: string, cadence: ContactCadence): string {
  const sunday = addDays(start, 7 - isoWeekday(start));
  switch (cadence) {
    case 'weekly':
      return sunday;
    case 'twice_weekly':
      // Monday–Wednesday, Thursday–Sunday
      return isoWeekday(start) <= 3 ? addDays(start, 3 - isoWeekday(start)) : sunday;
    case 'biweekly':
      return addDays(sunday, 7);
    case 'monthly':
      return lastDayOfMonth(start.slice(0, 7));
    default:
      return assertNever(cadence);
  }
}

/** The client's own point is `main`; its ids keep the short form. */
export const MAIN = 'main';
const withPoint = (servicePoint: string, ...rest: string[]) =>
  servicePoint === MAIN ? rest : [servicePoint, ...rest];

export const periodStartId = (servicePoint: string, start: string) =>
  joinId('contacts', ...withPoint(servicePoint, start, 'start'));
/** Where the period that starts on `start` ends and the next one begins (ADR 0095). */
export const periodBoundaryId = (servicePoint: string, start: string) =>
  joinId('contacts', ...withPoint(servicePoint, start, 'boundary'));
export const plannedId = (servicePoint: string, start: string) =>
  joinId('planned', ...withPoint(servicePoint, start));
export const missedId = (servicePoint: string, start: string) =>
  joinId('missed', ...withPoint(servicePoint, start));

/**
 * `contacts.<start>.<edge>` or `contacts.<servicePoint>.<start>.<edge>` (a point's id may hold dots);
 * the edge is `start`, `boundary`, or `end` in a stream written before ADR 0095.
 */
export const parsePeriodId = (deadlineId: string): { servicePoint: string; start: string } | null => {
  const parts = deadlineId.split('.');
  if (parts[0] !== 'contacts' || parts.length < 3) return null;
  const point = parts.slice(1, -2).join('.');
  return { servicePoint: point === '' ? MAIN : point, start: parts[parts.length - 2]! };
};

export const cadenceOf = (client: RegisteredClient, servicePoint: string): ContactCadence =>
  servicePoint === MAIN
    ? client.contactCadence
    : (client.servicePoints[servicePoint]?.contactCadence ?? client.contactCadence);
