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

/** The calendar date of an instant in a time zone (the РИЦ's business day). */
export function dayIn(timeZone: string, instant: string): string {
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
  return format.format(new Date(instant));
}
