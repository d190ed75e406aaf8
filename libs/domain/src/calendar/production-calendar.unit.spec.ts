import Holidays from 'date-holidays';
import { makeBusinessTime } from '../shared/business-time';
import { CalendarDataError, ProductionCalendar, validateCalendarYear } from './production-calendar';
import { SHIPPED_CALENDAR_YEARS } from './shipped';

const calendar = ProductionCalendar.fromYears(SHIPPED_CALENDAR_YEARS);
const moscow = makeBusinessTime(calendar, 'Europe/Moscow');

const workingDaysIn = (year: number) => {
  let count = 0;
  for (
    let d = new Date(Date.UTC(year, 0, 1));
    d.getUTCFullYear() === year;
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    if (calendar.isWorkingDay(d.toISOString().slice(0, 10))) count++;
  }
  return count;
};

describe('production calendar', () => {
  it.each([
    [2025, 247],
    [2026, 247],
  ])('has the official count of working days in %d (%d)', (year, days) => {
    expect(workingDaysIn(year)).toBe(days);
  });

  it.each([
    ['2026-01-09', false, 'Friday off, moved from Saturday 3 January'],
    ['2026-01-12', true, 'the first working day of 2026'],
    ['2026-03-09', false, 'Monday off for Sunday 8 March'],
    ['2026-05-11', false, 'Monday off for Saturday 9 May'],
    ['2026-12-31', false, 'moved from Sunday 4 January'],
    ['2025-11-01', true, 'a working Saturday'],
    ['2025-11-03', false, 'its day off'],
    ['2025-05-02', false, 'moved from 4 January'],
    ['2026-03-21', false, 'a plain Saturday'],
    ['2026-03-20', true, 'a plain Friday'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  it('knows shortened pre-holiday days', () => {
    expect(calendar.isShortenedDay('2026-04-30')).toBe(true);
    expect(calendar.isShortenedDay('2026-04-29')).toBe(false);
  });

  it('refuses to guess a year it has no table for', () => {
    expect(() => calendar.isWorkingDay('2031-05-05')).toThrow(CalendarDataError);
    expect(() => calendar.isWorkingDay('2031-05-05')).toThrow(/CALENDAR_DIR/);
  });

  it('lets a later table replace a year (an operator file over the shipped one)', () => {
    const amended = ProductionCalendar.fromYears([
      ...SHIPPED_CALENDAR_YEARS,
      { year: 2027, holidays: ['2027-01-01', '2027-12-31'], workingWeekendDays: [], shortenedDays: [] },
    ]);
    expect(amended.isWorkingDay('2027-12-31')).toBe(false);
    expect(amended.isWorkingDay('2027-01-04')).toBe(true);
  });

  it('names the file and field of a bad table', () => {
    expect(() =>
      validateCalendarYear(
        { year: 2028, holidays: ['2028-02-30'], workingWeekendDays: [], shortenedDays: [] },
        'ru-2028.json',
      ),
    ).toThrow('ru-2028.json: holidays[0] must be a date YYYY-MM-DD (got "2028-02-30")');
    expect(() =>
      validateCalendarYear(
        { year: 2028, holidays: [], workingWeekendDays: ['2028-03-01'], shortenedDays: [] },
        'x.json',
      ),
    ).toThrow(/workingWeekendDays 2028-03-01 is not a Saturday or Sunday/);
    expect(() =>
      validateCalendarYear(
        { year: 2028, holidays: ['2027-01-01'], workingWeekendDays: [], shortenedDays: [] },
        'x.json',
      ),
    ).toThrow(/not in 2028/);
    expect(() => validateCalendarYear({ holidays: [] }, 'y.json')).toThrow('y.json: year must be a year');
  });

  it('treats every weekday public holiday of the date-holidays package as a day off (2025–2027)', () => {
    const ru = new Holidays('RU');
    for (const year of [2025, 2026, 2027]) {
      for (const holiday of ru.getHolidays(year).filter((h) => h.type === 'public')) {
        const date = holiday.date.slice(0, 10);
        const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
        if (weekday === 0 || weekday === 6) continue;
        expect({ date, working: calendar.isWorkingDay(date) }).toEqual({ date, working: false });
      }
    }
  });
});

describe('working-day rules of SPEC §3.2 on the shipped calendar', () => {
  it.each([
    ['2026-03-20', '2026-03-24', 'Fri: 20, 23, 24'],
    ['2026-03-21', '2026-03-25', 'Sat: counted from Monday 23'],
    ['2026-03-09', '2026-03-12', 'a holiday Monday: 10, 11, 12'],
    ['2026-12-30', '2027-01-12', 'over the New Year break: 30 Dec, 11 and 12 Jan'],
    ['2026-05-08', '2026-05-13', 'before the May days off: 8, 12, 13'],
    ['2025-10-31', '2025-11-05', 'a working Saturday counts: 31 Oct, 1 Nov, 5 Nov'],
  ])('follow-up for an agreed day %s is due by the end of %s (%s)', (agreed, last) => {
    expect(moscow.followUpDeadlineDay(agreed)).toBe(last);
  });

  it.each([
    ['2026-03-20', '2026-03-19'],
    ['2026-03-23', '2026-03-20'],
    ['2026-03-10', '2026-03-06'],
    ['2026-01-12', '2025-12-30'],
    ['2025-11-05', '2025-11-01'],
  ])('the reminder before %s is due on %s', (agreed, reminder) => {
    expect(moscow.reminderDay(agreed)).toBe(reminder);
  });

  it('finds business dates and day bounds in the РИЦ’s zone', () => {
    expect(moscow.dateOf(new Date('2026-03-20T20:59:59Z'))).toBe('2026-03-20');
    expect(moscow.dateOf(new Date('2026-03-20T21:00:00Z'))).toBe('2026-03-21');
    expect(moscow.startOfDay('2026-03-20').toISOString()).toBe('2026-03-19T21:00:00.000Z');
    expect(moscow.endOfDay('2026-03-20').toISOString()).toBe('2026-03-20T21:00:00.000Z');
    const yekaterinburg = makeBusinessTime(calendar, 'Asia/Yekaterinburg');
    expect(yekaterinburg.endOfDay('2026-03-20').toISOString()).toBe('2026-03-20T19:00:00.000Z');
    const kaliningrad = makeBusinessTime(calendar, 'Europe/Kaliningrad');
    expect(kaliningrad.startOfDay('2026-03-20').toISOString()).toBe('2026-03-19T22:00:00.000Z');
    // a zone with daylight saving: the day of the change has 23 hours
    const berlin = makeBusinessTime(calendar, 'Europe/Berlin');
    expect(berlin.startOfDay('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(berlin.endOfDay('2026-03-29').toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });

  it('answers the date of instants asked in any order, next to midnights and quarter hours (remembered per quarter hour)', () => {
    const nepal = makeBusinessTime(calendar, 'Asia/Kathmandu'); // +05:45: midnight at 18:15 UTC
    const asked: Array<[typeof moscow, string, string]> = [
      [moscow, '2026-03-20T20:59:59.999Z', '2026-03-20'],
      [moscow, '2026-03-20T21:00:00.000Z', '2026-03-21'],
      [moscow, '2026-03-20T20:45:00.000Z', '2026-03-20'],
      [moscow, '2026-03-20T21:14:59.999Z', '2026-03-21'],
      [moscow, '2026-03-20T20:59:59.999Z', '2026-03-20'],
      [moscow, '2026-03-21T21:00:00.000Z', '2026-03-22'],
      [nepal, '2026-03-20T18:14:59.999Z', '2026-03-20'],
      [nepal, '2026-03-20T18:15:00.000Z', '2026-03-21'],
      [nepal, '2026-03-20T18:00:00.000Z', '2026-03-20'],
    ];
    for (const [time, instant, date] of asked)
      expect([instant, time.dateOf(new Date(instant))]).toEqual([instant, date]);
    expect(() => moscow.dateOf(new Date('not a date'))).toThrow(RangeError);
  });
});
