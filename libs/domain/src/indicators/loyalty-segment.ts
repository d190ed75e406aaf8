import type { ServiceActivity } from '../usage/events';
import type { WeeklyFacts } from './weekly-facts';

/**
 * Loyalty segment of a client's Monday–Sunday week [000]: red — neither system nor service (0),
 * blue — service only (1.5), yellow — system only (2.5), green — both (4).
 */
export type LoyaltySegment = 'red' | 'blue' | 'yellow' | 'green';

export type SegmentCoefficients = Record<LoyaltySegment, number>;

export const DEFAULT_SEGMENT_COEFFICIENTS: SegmentCoefficients = { red: 0, blue: 1.5, yellow: 2.5, green: 4 };

/**
 * "Service" is any of [000]'s service activities that week; the ЛК and hotline (Линия
 * консультирования) requests of the import count too when the CRM sends no activity block.
 */
export function usedService(
  week: Pick<WeeklyFacts, 'serviceActivity' | 'portalRequests' | 'hotlineRequests'>,
): boolean {
  const a: ServiceActivity | undefined = week.serviceActivity;
  if (a) {
    const counts =
      a.documentOrders +
      a.onlineOrders +
      a.consultingLineRequests +
      a.selectionOrders +
      a.trainedUsers +
      a.onlineDialogRequests +
      a.techSupportRequests;
    if (counts > 0 || a.personalAccountRegistered) return true;
  }
  return week.portalRequests > 0 || week.hotlineRequests > 0;
}

/**
 * The week's segment; `null` when logins are unknown ([000]: a quarter of clients have no login
 * data) — the week is then neither "system" nor "no system", and it counts in no index. ADR 0051.
 */
export function loyaltySegmentOf(
  week: Pick<WeeklyFacts, 'logins' | 'serviceActivity' | 'portalRequests' | 'hotlineRequests'>,
): LoyaltySegment | null {
  if (week.logins === undefined || week.logins === null) return null;
  const system = week.logins > 0;
  const service = usedService(week);
  if (system && service) return 'green';
  if (system) return 'yellow';
  if (service) return 'blue';
  return 'red';
}

/** The index: the mean coefficient of the known segments; `null` when none is known. */
export function loyaltyIndex(
  segments: ReadonlyArray<LoyaltySegment | null>,
  coefficients: SegmentCoefficients = DEFAULT_SEGMENT_COEFFICIENTS,
): number | null {
  const known = segments.filter((s): s is LoyaltySegment => s !== null);
  if (known.length === 0) return null;
  const mean = known.reduce((sum, s) => sum + coefficients[s], 0) / known.length;
  return Math.round(mean * 100) / 100;
}
