import { ManualClock } from '@ledger/application';
import { moscow } from '@ledger/domain/testing';
import { dayIn } from '@ledger/read-models';
import { flatten, period, snapshotDay } from './report-http';

describe('report parameters and CSV rows', () => {
  // 22:30 UTC on 31 March is already 1 April in Moscow
  const clock = new ManualClock(new Date('2026-03-31T22:30:00Z'));

  it('a period defaults to the month of `to` up to today, in the РИЦ’s calendar', () => {
    expect(period({}, moscow, clock)).toEqual({ from: '2026-04-01', to: '2026-04-01' });
    expect(period({ to: '2026-03-15' }, moscow, clock)).toEqual({ from: '2026-03-01', to: '2026-03-15' });
    expect(snapshotDay({}, moscow, clock)).toBe('2026-04-01');
  });

  it('refuses bad dates, a reversed or too long period and an unknown format, naming the field', () => {
    const field = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as { getResponse(): { details: Array<{ field: string }> } }).getResponse().details[0]!
          .field;
      }
      return 'accepted';
    };
    expect(field(() => period({ from: '2026-02-30' }, moscow, clock))).toBe('from');
    expect(field(() => period({ from: '2026-03-02', to: '2026-03-01' }, moscow, clock))).toBe('to');
    expect(field(() => period({ from: '2020-01-01', to: '2026-03-01' }, moscow, clock))).toBe('from');
    expect(field(() => snapshotDay({ date: '1.3.2026' }, moscow, clock))).toBe('date');
    expect(field(() => snapshotDay({ format: 'xlsx' }, moscow, clock))).toBe('format');
    expect(field(() => snapshotDay({ employeeId: '' }, moscow, clock))).toBe('employeeId');
  });

  it('flattens an item into one CSV row: nested fields by path, lists joined, null kept', () => {
    expect(
      flatten({
        clientId: 'c-1',
        signs: { debt: true, noUpdates: false },
        systems: ['Гарант', 'Кодекс'],
        logins30d: null,
      }),
    ).toEqual({
      clientId: 'c-1',
      'signs.debt': true,
      'signs.noUpdates': false,
      systems: 'Гарант Кодекс',
      logins30d: null,
    });
  });

  it('counts an instant on the РИЦ’s calendar day', () => {
    expect(dayIn('Europe/Moscow', '2026-03-31T22:30:00Z')).toBe('2026-04-01');
    expect(dayIn('Europe/Moscow', '2026-03-31T20:59:59Z')).toBe('2026-03-31');
    expect(dayIn('Asia/Yekaterinburg', '2026-03-31T19:00:00Z')).toBe('2026-04-01');
  });
});
