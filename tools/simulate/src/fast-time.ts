import { BusinessTime } from '@ledger/domain';

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
  return {
    timeZone: time.timeZone,
    dateOf: (instant) => dateFormat.format(instant),
    startOfDay: (date) => new Date(startOf(date)),
    endOfDay: (date) => new Date(endOf(date)),
    workingDayOnOrBefore: memo((d) => time.workingDayOnOrBefore(d)),
    reminderDay: memo((d) => time.reminderDay(d)),
    followUpDeadlineDay: memo((d) => time.followUpDeadlineDay(d)),
  };
}
