import { addDays } from './dates';

/**
 * Business dates and working days of a РИЦ, as the rules need them. Implemented by the production
 * calendar (libs/domain/src/calendar) in the РИЦ's time zone; deciders receive it in the context.
 */
export interface BusinessTime {
  readonly timeZone: string;
  /** The calendar date of an instant in the РИЦ's zone. */
  dateOf(instant: Date): string;
  /** The first instant of a date in the РИЦ's zone. */
  startOfDay(date: string): Date;
  /** The instant a date ends in the РИЦ's zone (the first instant of the next day). */
  endOfDay(date: string): Date;
  /** The date itself when it is a working day, else the working day before it. */
  workingDayOnOrBefore(date: string): string;
  /** The reminder call's day before an agreed day: the working day before it. */
  reminderDay(agreedDay: string): string;
  /**
   * The last day for the follow-up call of an unpaid promise: the 3rd working day counting the agreed
   * day, or from the first working day after it when the agreed day is a day off.
   */
  followUpDeadlineDay(agreedDay: string): string;
}

/** The one fact of the production calendar the rules need. */
export interface WorkingDays {
  isWorkingDay(date: string): boolean;
}

/**
 * One formatter per time zone and purpose: building an Intl.DateTimeFormat costs far more than
 * using one (issue 13: 4 % of the CPU under load when built per conversion).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(purpose: 'offset' | 'date', timeZone: string): Intl.DateTimeFormat {
  const key = `${purpose} ${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    format =
      purpose === 'offset'
        ? new Intl.DateTimeFormat('en-US', {
            timeZone,
            hourCycle: 'h23',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
            second: '2-digit',
          })
        : new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(key, format);
  }
  return format;
}

/** Offset of a zone from UTC at an instant, in minutes (Intl only; DST-safe). */
function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = formatter('offset', timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

const QUARTER_HOUR_MS = 15 * 60_000;

/** The instant a wall-clock midnight of `date` happens in `timeZone`. */
function midnight(date: string, timeZone: string): Date {
  const guess = new Date(`${date}T00:00:00Z`);
  // Two passes settle the offset even across a DST change.
  let instant = new Date(guess.getTime() - zoneOffsetMinutes(guess, timeZone) * 60000);
  instant = new Date(guess.getTime() - zoneOffsetMinutes(instant, timeZone) * 60000);
  return instant;
}

/** Business time of a РИЦ: its zone and the production calendar's working days. */
export function makeBusinessTime(workingDays: WorkingDays, timeZone: string): BusinessTime {
  const nextWorkingDay = (date: string): string => {
    let d = date;
    while (!workingDays.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  };
  let lastQuarter = NaN;
  let lastDate: string | undefined;
  return {
    timeZone,
    dateOf: (instant) => {
      // Every zone's offsets (and so its midnights and DST changes) fall on quarter hours of UTC:
      // within one quarter hour the date cannot change, and the commands of a busy minute all ask
      // for the same one (issue 13: formatting it was ~1 % of a payment's CPU).
      const quarter = Math.floor(instant.getTime() / QUARTER_HOUR_MS);
      if (quarter !== lastQuarter || lastDate === undefined) {
        lastDate = formatter('date', timeZone).format(instant);
        lastQuarter = quarter;
      }
      return lastDate;
    },
    startOfDay: (date) => midnight(date, timeZone),
    endOfDay: (date) => midnight(addDays(date, 1), timeZone),
    workingDayOnOrBefore: (date) => {
      let d = date;
      while (!workingDays.isWorkingDay(d)) d = addDays(d, -1);
      return d;
    },
    reminderDay: (agreedDay) => {
      let d = addDays(agreedDay, -1);
      while (!workingDays.isWorkingDay(d)) d = addDays(d, -1);
      return d;
    },
    followUpDeadlineDay: (agreedDay) => {
      // «в течение трёх рабочих дней, включая согласованный день платежа»
      let d = nextWorkingDay(agreedDay);
      for (let counted = 1; counted < 3; counted++) d = nextWorkingDay(addDays(d, 1));
      return d;
    },
  };
}
