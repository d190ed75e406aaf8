import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { BusinessTime, ReportSettings, addDays } from '@ledger/domain';
import type { Clock } from '@ledger/application';
import { invalidField } from '../http/errors';
import { isBusinessDate } from '../http/validation';
import type { Caller } from '../auth/auth';

export interface ReportQuery {
  from?: string;
  to?: string;
  date?: string;
  employeeId?: string;
  format?: string;
  changedOnly?: string;
}

/** What every report handler needs: the caller's РИЦ, its calendar, the clock and the settings. */
export interface ReportContext {
  ric: string;
  employeeId: string | null;
  time: BusinessTime;
  settings: ReportSettings;
}

export function checkFormat(query: ReportQuery): void {
  if (query.format !== undefined && query.format !== 'json' && query.format !== 'csv')
    throw invalidField('format', 'format must be json or csv');
  if (query.employeeId !== undefined && (query.employeeId === '' || query.employeeId.length > 100))
    throw invalidField('employeeId', 'employeeId must be 1 to 100 characters');
}

/** A snapshot report's day: `date`, default today in the РИЦ's calendar. */
export function snapshotDay(query: ReportQuery, time: BusinessTime, clock: Clock): string {
  checkFormat(query);
  if (query.date !== undefined && !isBusinessDate(query.date))
    throw invalidField('date', 'date must be a date YYYY-MM-DD');
  return query.date ?? time.dateOf(clock.now());
}

/**
 * A period report's days, inclusive: `to` defaults to today, `from` to the first day of `to`'s
 * month. A period over 3 years is refused (the reports are per week and month).
 */
export function period(query: ReportQuery, time: BusinessTime, clock: Clock): { from: string; to: string } {
  checkFormat(query);
  for (const field of ['from', 'to'] as const)
    if (query[field] !== undefined && !isBusinessDate(query[field]))
      throw invalidField(field, `${field} must be a date YYYY-MM-DD`);
  const to = query.to ?? time.dateOf(clock.now());
  const from = query.from ?? `${to.slice(0, 7)}-01`;
  if (from > to) throw invalidField('to', 'to must not be before from');
  if (addDays(from, 3 * 366) < to) throw invalidField('from', 'a period is at most three years');
  return { from, to };
}

export const reportContext = (
  caller: Caller,
  query: ReportQuery,
  time: BusinessTime,
  settings: ReportSettings,
) => ({
  ric: caller.ric,
  employeeId: query.employeeId ?? null,
  time,
  settings,
});

type Flat = Record<string, string | number | boolean | null>;

/** An item as one CSV row: nested fields as `a.b`, lists joined by a space, null as empty. */
export function flatten(value: Record<string, unknown>, prefix = '', into: Flat = {}): Flat {
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(v)) into[name] = v.map((x) => (x === null ? '' : String(x))).join(' ');
    else if (v !== null && typeof v === 'object') flatten(v as Record<string, unknown>, name, into);
    else into[name] = (v as string | number | boolean | null | undefined) ?? null;
  }
  return into;
}

/**
 * JSON, or with `?format=csv` one CSV row per item (csv-stringify): UTF-8 with a BOM and a header
 * row, comma-separated, so that a spreadsheet opens it in Cyrillic without an import dialog (ADR 0054).
 */
export function answer(
  res: Response,
  query: ReportQuery,
  name: string,
  body: Record<string, unknown>,
  items: ReadonlyArray<Record<string, unknown>>,
  columns?: string[],
): void {
  if (query.format !== 'csv') {
    res.json(body);
    return;
  }
  const rows = items.map((item) => flatten(item));
  const header = columns ?? (rows.length ? Object.keys(rows[0]!) : ['empty']);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  res.send(
    '\uFEFF' + stringify(rows, { header: true, columns: header, cast: { boolean: (b) => String(b) } }),
  );
}

/** Rounded for showing: shares to 4 decimals, means and hours to 1. */
export const round = (value: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

export const ratio = (part: number, whole: number): number | null =>
  whole > 0 ? round(part / whole, 4) : null;
