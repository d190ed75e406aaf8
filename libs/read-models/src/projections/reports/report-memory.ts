import type { DeteriorationSign } from '@ledger/domain';

/** What the report projection remembers of a client between batches, beside its folded state. */
export interface ReportMemory {
  /** The last contact necessity row written (indicator and signs), so an unchanged one is not repeated. */
  necessity?: string;
  /** The current contact necessity and the instant it holds from. */
  necessityNow?: { from: string; indicator: number; signs: unknown };
  debtOverOneMonth: boolean;
  activityFalling: boolean;
  servicesUnused: boolean;
  /** Works ended in a row without a connected attempt («контакт не состоялся»). */
  failedWorksInRow: number;
  /** Open contacts that had a connected attempt. */
  connected: string[];
  /** Signs seen and not yet acted upon: the instant each was first seen. */
  open: Partial<Record<DeteriorationSign, string>>;
}

export const freshMemory = (): ReportMemory => ({
  debtOverOneMonth: false,
  activityFalling: false,
  servicesUnused: false,
  failedWorksInRow: 0,
  connected: [],
  open: {},
});

const formats = new Map<string, Intl.DateTimeFormat>();
/** Dates already formatted, per zone, by the minute of the instant (every zone's offset is whole minutes). */
const days = new Map<string, Map<number, string>>();

/** The calendar date of an instant in a time zone (the РИЦ's business day). */
export function dayIn(timeZone: string, instant: string): string {
  // formatting is most of the cost of an event in the reports (ADR 0070): a day has 1,440 minutes
  const minute = Math.floor(Date.parse(instant) / 60_000);
  let known = days.get(timeZone);
  if (!known) days.set(timeZone, (known = new Map()));
  const cached = known.get(minute);
  if (cached !== undefined) return cached;
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formats.set(timeZone, format);
  }
  const day = format.format(new Date(minute * 60_000));
  if (known.size >= 100_000) known.clear(); // bounded: a long catch-up spans many minutes
  known.set(minute, day);
  return day;
}
