import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BusinessTime,
  CalendarYear,
  ProductionCalendar,
  SHIPPED_CALENDAR_YEARS,
  makeBusinessTime,
  validateCalendarYear,
} from '@ledger/domain';
import { ConfigError, LedgerConfig } from './config';

/**
 * The production calendar: the shipped years, then every `ru-YYYY.json` in CALENDAR_DIR, which adds
 * a year or replaces a shipped one — an operator extends it without a code change.
 */
export function loadProductionCalendar(calendarDir: string | null): ProductionCalendar {
  const extra: CalendarYear[] = [];
  if (calendarDir) {
    if (!existsSync(calendarDir)) throw new ConfigError(`CALENDAR_DIR ${calendarDir} does not exist`);
    for (const file of readdirSync(calendarDir)
      .filter((f) => /^ru-\d{4}\.json$/.test(f))
      .sort()) {
      const path = join(calendarDir, file);
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(path, 'utf8'));
      } catch (error) {
        throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`);
      }
      const table = validateCalendarYear(parsed, path);
      if (`ru-${table.year}.json` !== file)
        throw new ConfigError(`${path}: year ${table.year} does not match the file name`);
      extra.push(table);
    }
  }
  return ProductionCalendar.fromYears([...SHIPPED_CALENDAR_YEARS, ...extra]);
}

/** Business time per РИЦ: its zone (RIC_TIME_ZONES, else RIC_TIME_ZONE) on the production calendar. */
export function businessTimeSource(
  config: LedgerConfig,
  calendar: ProductionCalendar = loadProductionCalendar(config.calendarDir),
): (ric: string) => BusinessTime {
  const byRic = new Map<string, BusinessTime>();
  return (ric) => {
    let time = byRic.get(ric);
    if (!time) {
      time = makeBusinessTime(calendar, config.ricTimeZones[ric] ?? config.defaultTimeZone);
      byRic.set(ric, time);
    }
    return time;
  };
}
