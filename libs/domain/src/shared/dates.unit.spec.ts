import { addDays } from './dates';

/** The one way addDays always answered (through Date), to hold its short cut against. */
const throughDate = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const outcome = (f: () => string) => {
  try {
    return f();
  } catch (error) {
    return `throws ${(error as Error).name}`;
  }
};

describe('addDays answers what Date arithmetic answers', () => {
  it('worked examples: within a month, across months, years and a leap day', () => {
    expect(addDays('2026-03-10', 3)).toBe('2026-03-13');
    expect(addDays('2026-03-10', -9)).toBe('2026-03-01');
    expect(addDays('2026-03-10', -10)).toBe('2026-02-28');
    expect(addDays('2026-01-28', 4)).toBe('2026-02-01');
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-27', 2)).toBe('2028-02-29');
    expect(addDays('2026-03-01', 0)).toBe('2026-03-01');
  });

  it('every day of 2024–2027 moved by −40…40 days', () => {
    const differ: string[] = [];
    for (let d = Date.UTC(2024, 0, 1); d < Date.UTC(2028, 0, 1); d += 86_400_000) {
      const date = new Date(d).toISOString().slice(0, 10);
      for (let days = -40; days <= 40; days++)
        if (addDays(date, days) !== throughDate(date, days)) differ.push(`${date} ${days}`);
    }
    expect(differ).toEqual([]);
  });

  it('input that is not a plain date goes the old way (same answer, same error)', () => {
    const odd: Array<[string, number]> = [
      ['2026-02-30', -5],
      ['2026-13-01', 1],
      ['2026-00-10', 1],
      ['2026-03-00', 2],
      ['2026-3-10', 1],
      ['2026/03/10', 1],
      ['20a6-03-10', 1],
      ['2026-03-10', 0.5],
      ['2026-03-10', NaN],
      ['0000-01-05', 3],
      ['', 1],
    ];
    for (const [date, days] of odd)
      expect([date, days, outcome(() => addDays(date, days))]).toEqual([
        date,
        days,
        outcome(() => throughDate(date, days)),
      ]);
  });
});
