import { BusinessTime } from '@ledger/domain';

const QUARTER_HOUR_MS = 15 * 60_000;

/**
 * The РИЦ's business time with its answers remembered: the domain's implementation builds an
 * `Intl.DateTimeFormat` on every conversion, which made it 60 % of a simulated year's CPU. Same
 * answers (it asks the real one once per date), so the events are those the service would decide.
 */
export function rememberedTime(time: BusinessTime): BusinessTime {
  const dateFormat = new Intl.DateTimeFormat('en-CA', {
    timeZone: time.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const starts = new Map<string, number>();
  const startOf = (date: string): number => {
    let start = starts.get(date);
    if (start === undefined) starts.set(date, (start = time.startOfDay(date).getTime()));
    return start;
  };
  const ends = new Map<string, number>();
  const endOf = (date: string): number => {
    let end = ends.get(date);
    if (end === undefined) ends.set(date, (end = time.endOfDay(date).getTime()));
    return end;
  };
  const memo = (f: (date: string) => string) => {
    const seen = new Map<string, string>();
    return (date: string) => {
      let answer = seen.get(date);
      if (answer === undefined) seen.set(date, (answer = f(date)));
      return answer;
    };
  };
  // a zone's offsets fall on quarter hours of UTC (as the domain's own dateOf relies on): within one
  // quarter hour the date cannot change, so the date of each quarter hour is asked for once
  const dates = new Map<number, string>();
  const dateOf = (instant: Date): string => {
    const quarter = Math.floor(instant.getTime() / QUARTER_HOUR_MS);
    let date = dates.get(quarter);
    if (date === undefined) dates.set(quarter, (date = dateFormat.format(instant)));
    return date;
  };
  return {
    timeZone: time.timeZone,
    dateOf,
    startOfDay: (date) => new Date(startOf(date)),
    endOfDay: (date) => new Date(endOf(date)),
    workingDayOnOrBefore: memo((d) => time.workingDayOnOrBefore(d)),
    reminderDay: memo((d) => time.reminderDay(d)),
    followUpDeadlineDay: memo((d) => time.followUpDeadlineDay(d)),
  };
}
