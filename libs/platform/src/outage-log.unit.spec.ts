import { outageLog } from './outage-log';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:54329'), { code: 'ECONNREFUSED' });

describe('outage log', () => {
  it('says once that the database is unavailable, however many ticks fail, and once that it is back', () => {
    const lines: string[] = [];
    const outage = outageLog((line) => lines.push(line));
    for (let tick = 0; tick < 10; tick++) expect(outage.failed('scheduler', refused)).toBe(true);
    outage.succeeded();
    outage.succeeded();
    expect(lines).toEqual([
      'database unavailable (scheduler): connect ECONNREFUSED 127.0.0.1:54329',
      'database available again',
    ]);
  });

  it('leaves other errors to the caller', () => {
    const lines: string[] = [];
    const outage = outageLog((line) => lines.push(line));
    expect(outage.failed('scheduler', new Error('a bug'))).toBe(false);
    expect(lines).toEqual([]);
  });
});
