/** Arithmetic on calendar dates 'YYYY-MM-DD' and months 'YYYY-MM', done in UTC so no DST moves them. */

const DAY = 86_400_000;

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** 1 Monday … 7 Sunday. */
export const isoWeekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;

/** The Monday of the week a date falls in. */
export const mondayOf = (date: string): string => addDays(date, 1 - isoWeekday(date));

/** 'YYYY-MM' of a date. */
export const monthOf = (date: string): string => date.slice(0, 7);

/** The month after 'YYYY-MM'. */
export const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** The last day of a month 'YYYY-MM'. */
export const lastDayOfMonth = (month: string): string => addDays(`${nextMonth(month)}-01`, -1);
