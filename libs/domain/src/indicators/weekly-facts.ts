import type { UsageObservation } from '../usage/events';
import { addDays } from '../shared/dates';

/**
 * Windows over weekly facts. «Logins in 30 days» are the weeks that fall in those 30 days: a week
 * counts when its Monday lies in the window [asOf − days + 1, asOf] (the week of `asOf` counts
 * with what has been imported of it). ADR 0050.
 */
export const windowStart = (asOf: string, days: number): string => addDays(asOf, 1 - days);

export function weeksInWindow<W extends { weekStart: string }>(
  weeks: readonly W[],
  asOf: string,
  days: number,
): W[] {
  const from = windowStart(asOf, days);
  return weeks.filter((w) => w.weekStart >= from && w.weekStart <= asOf);
}

/** The latest week on or before `asOf`. */
export function latestWeek<W extends { weekStart: string }>(
  weeks: readonly W[],
  asOf: string,
): W | undefined {
  let latest: W | undefined;
  for (const w of weeks) if (w.weekStart <= asOf && (!latest || w.weekStart > latest.weekStart)) latest = w;
  return latest;
}

/** A sum over the weeks; `undefined` when no week knows the figure (unknown, not zero). */
export function sumKnown(values: ReadonlyArray<number | undefined>): number | undefined {
  const known = values.filter((v): v is number => v !== undefined && v !== null);
  return known.length === 0 ? undefined : known.reduce((a, b) => a + b, 0);
}

export type WeeklyFacts = UsageObservation;
