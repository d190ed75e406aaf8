import type { WorkingDays } from '../shared/business-time';

/**
 * The Russian production calendar (производственный календарь): public holidays, the government's
 * yearly transfers of days off, working weekend days and shortened pre-holiday days, one table a year.
 */
export interface CalendarYear {
  year: number;
  /** Non-working days on Monday–Friday: holidays and transferred days off. */
  holidays: string[];
  /** Saturdays and Sundays declared working days. */
  workingWeekendDays: string[];
  /** Working days one hour shorter (before a holiday). */
  shortenedDays: string[];
  source?: string;
}

export class CalendarDataError extends Error {}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks a year table read from a file; the error names the file and the field. */
export function validateCalendarYear(value: unknown, origin: string): CalendarYear {
  const fail = (field: string, message: string): never => {
    throw new CalendarDataError(`${origin}: ${field} ${message}`);
  };
  if (typeof value !== 'object' || value === null) return fail('(file)', 'must be a JSON object');
  const table = value as Record<string, unknown>;
  const year = table.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1990 || year > 2200)
    fail('year', 'must be a year');
  for (const field of ['holidays', 'workingWeekendDays', 'shortenedDays'] as const) {
    const dates = table[field];
    if (!Array.isArray(dates)) fail(field, 'must be an array of dates YYYY-MM-DD');
    (dates as unknown[]).forEach((date, i) => {
      const match = typeof date === 'string' ? DATE.exec(date) : null;
      const valid = match && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
      if (!valid) fail(`${field}[${i}]`, `must be a date YYYY-MM-DD (got ${JSON.stringify(date)})`);
      if (Number(match![1]) !== year) fail(`${field}[${i}]`, `${String(date)} is not in ${String(year)}`);
    });
  }
  for (const date of table.workingWeekendDays as string[]) {
    if (!isWeekend(date)) fail('workingWeekendDays', `${date} is not a Saturday or Sunday`);
  }
  return {
    year: year as number,
    holidays: table.holidays as string[],
    workingWeekendDays: table.workingWeekendDays as string[],
    shortenedDays: table.shortenedDays as string[],
    ...(typeof table.source === 'string' ? { source: table.source } : {}),
  };
}

const isWeekend = (date: string): boolean => {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
};

export class ProductionCalendar implements WorkingDays {
  private readonly years = new Map<
    number,
    { holidays: Set<string>; working: Set<string>; shortened: Set<string> }
  >();

  /** Later tables for the same year replace earlier ones (an operator's file replaces the shipped one). */
  static fromYears(tables: readonly CalendarYear[]): ProductionCalendar {
    const calendar = new ProductionCalendar();
    for (const t of tables) {
      calendar.years.set(t.year, {
        holidays: new Set(t.holidays),
        working: new Set(t.workingWeekendDays),
        shortened: new Set(t.shortenedDays),
      });
    }
    return calendar;
  }

  get knownYears(): number[] {
    return [...this.years.keys()].sort();
  }

  isWorkingDay(date: string): boolean {
    const year = this.yearOf(date);
    if (year.working.has(date)) return true;
    return !isWeekend(date) && !year.holidays.has(date);
  }

  isShortenedDay(date: string): boolean {
    return this.yearOf(date).shortened.has(date);
  }

  private yearOf(date: string) {
    const year = this.years.get(Number(date.slice(0, 4)));
    // Guessing a year would move deadlines silently: better to say what is missing.
    if (!year) {
      throw new CalendarDataError(
        `the production calendar has no table for ${date.slice(0, 4)} (known: ${this.knownYears.join(', ')}); add ru-${date.slice(0, 4)}.json to CALENDAR_DIR`,
      );
    }
    return year;
  }
}
