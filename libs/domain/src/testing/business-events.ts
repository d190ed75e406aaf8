/** The timers' events: the one part of a history ADR 0095 changed on purpose. */
export const TIMER_EVENTS: ReadonlySet<string> = new Set([
  'DeadlineSet',
  'DeadlineFired',
  'DeadlineCancelled',
]);

/**
 * The business (non-timer) events of a history in order, as `fields` picks them, with every event id
 * in them written as the business event it names — `#3` — or as `timer`: two runs that draw
 * different ids, or set different timers, compare equal when they decided the same business.
 */
export function businessEvents<E extends { type: string }>(
  events: readonly E[],
  idOf: (event: E) => string,
  fields: (event: E, nameOf: (id: unknown) => string | undefined) => Record<string, unknown>,
): unknown[] {
  const names = new Map<string, string>();
  let n = 0;
  for (const e of events) names.set(idOf(e), TIMER_EVENTS.has(e.type) ? 'timer' : `#${n++}`);
  const named = (value: unknown): unknown =>
    typeof value === 'string'
      ? (names.get(value) ?? value)
      : Array.isArray(value)
        ? value.map(named)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, named(v)]))
          : value;
  return events
    .filter((e) => !TIMER_EVENTS.has(e.type))
    .map((e) => named(fields(e, (id) => names.get(String(id)))));
}
