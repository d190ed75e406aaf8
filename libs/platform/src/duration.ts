/** Durations in settings and CLI flags: `45s`, `90m`, `8h`, `2d`, or a plain number of seconds. */
const UNITS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** Seconds, or null when `value` is not a positive duration. */
export function parseDuration(value: string): number | null {
  const match = /^(\d+)([smhd]?)$/.exec(value.trim());
  if (!match) return null;
  const seconds = Number(match[1]) * UNITS[(match[2] || 's') as keyof typeof UNITS];
  return seconds > 0 && Number.isSafeInteger(seconds) ? seconds : null;
}

/** The largest whole unit: 28800 → `8h`, 5400 → `90m`, 45 → `45s` (for messages). */
export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole > 0 && whole % 3600 === 0) return `${whole / 3600}h`;
  if (whole > 0 && whole % 60 === 0) return `${whole / 60}m`;
  return `${whole}s`;
}
