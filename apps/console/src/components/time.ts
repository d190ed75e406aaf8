/** `<input type="datetime-local">` speaks local wall time without a zone; the API wants instants. */
export const localInputValue = (date: Date): string => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

/** The instant of a datetime-local value, or the value itself when it is not one (the API says why). */
export const instantOf = (value: string): string => {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
};
