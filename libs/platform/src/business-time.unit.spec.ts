import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { businessTimeSource, loadProductionCalendar } from './business-time';
import { readConfig } from './config';

describe('production calendar files and РИЦ time zones', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'calendar-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('adds a year from an operator file, with no code change', () => {
    expect(() => loadProductionCalendar(null).isWorkingDay('2028-01-03')).toThrow(/no table for 2028/);
    writeFileSync(
      join(dir, 'ru-2028.json'),
      JSON.stringify({
        year: 2028,
        holidays: ['2028-01-03', '2028-01-04'],
        workingWeekendDays: ['2028-01-08'],
        shortenedDays: [],
      }),
    );
    const calendar = loadProductionCalendar(dir);
    expect(calendar.isWorkingDay('2028-01-03')).toBe(false);
    expect(calendar.isWorkingDay('2028-01-05')).toBe(true);
    expect(calendar.isWorkingDay('2028-01-08')).toBe(true);
    expect(calendar.isWorkingDay('2026-01-09')).toBe(false); // shipped years stay
  });

  it('replaces a shipped year with an operator file', () => {
    writeFileSync(
      join(dir, 'ru-2027.json'),
      JSON.stringify({ year: 2027, holidays: ['2027-12-31'], workingWeekendDays: [], shortenedDays: [] }),
    );
    expect(loadProductionCalendar(dir).isWorkingDay('2027-12-31')).toBe(false);
    expect(loadProductionCalendar(dir).isWorkingDay('2027-01-04')).toBe(true);
  });

  it('names the file of a broken table', () => {
    writeFileSync(join(dir, 'ru-2029.json'), '{ "year": 2029, ');
    expect(() => loadProductionCalendar(dir)).toThrow(/ru-2029.json: not valid JSON/);
    writeFileSync(
      join(dir, 'ru-2029.json'),
      JSON.stringify({ year: 2030, holidays: [], workingWeekendDays: [], shortenedDays: [] }),
    );
    expect(() => loadProductionCalendar(dir)).toThrow(/does not match the file name/);
  });

  it('gives each РИЦ its zone, Moscow by default', () => {
    const config = readConfig({ RIC_TIME_ZONES: '555:Asia/Yekaterinburg' });
    const timeOf = businessTimeSource(config);
    expect(timeOf('444').timeZone).toBe('Europe/Moscow');
    expect(timeOf('555').timeZone).toBe('Asia/Yekaterinburg');
    expect(() => readConfig({ RIC_TIME_ZONES: '555:Mars/Olympus' })).toThrow(/unknown time zone/);
  });
});
