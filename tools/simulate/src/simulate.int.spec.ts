import { Pool } from 'pg';
import { CLIENT_EVENT_TYPES } from '@ledger/domain';
import { TestLedger, startTestLedger } from '@ledger/test-support';
import { RunFigures, runSimulation } from './run';
import { seedDemo } from './demo';

/** A small simulated run into the embedded PostgreSQL, read back through the API. */
describe('npm run simulate into the store, then the planners and reports', () => {
  let ledger: TestLedger;
  let figures: RunFigures;
  let pool: Pool;

  beforeAll(async () => {
    ledger = await startTestLedger({ projector: false });
    pool = ledger.pool({ max: 1 });
    // 20 clients × 4 weeks, in batches small enough that the run needs several transactions
    figures = await runSimulation(ledger.runtime, {
      ric: '444',
      clients: 20,
      weeks: 4,
      seed: 3,
      start: '2026-01-12',
      batchEvents: 500,
    });
  }, 120_000);
  afterAll(async () => {
    await pool.end();
    await ledger.close();
  });

  it('stores every event it made, all of known domain types, in several multi-stream batches', async () => {
    const { rows } = await pool.query<{ type: string; n: string; streams: string }>(
      `SELECT type, count(*) AS n, count(DISTINCT stream_id) AS streams FROM es_events GROUP BY type`,
    );
    const stored = rows.reduce((sum, r) => sum + Number(r.n), 0);
    expect(stored).toBe(figures.appended);
    expect(figures.batches).toBeGreaterThan(1);
    for (const row of rows) {
      expect(CLIENT_EVENT_TYPES.has(row.type)).toBe(true);
      expect(Number(row.n)).toBe(figures.counts.get(row.type));
    }
    const registered = rows.find((r) => r.type === 'ClientRegistered')!;
    expect(Number(registered.n)).toBe(figures.clientCount);
  });

  it('shows the run in the call funnel: as many dials as attempts appended', async () => {
    const res = await ledger
      .http()
      .get('/api/v1/reports/call-funnel?from=2026-01-12&to=2026-02-08')
      .set(ledger.auth('ros-1', 'ROS'));
    expect(res.status).toBe(200);
    expect(res.body.dials).toBe(figures.counts.get('CallAttempted'));
    expect(res.body.connected).toBeGreaterThan(0);
    expect(res.body.byEmployee.map((e: { employeeId: string }) => e.employeeId)).toContain('kpp-1');
  });

  it('fills the КПП’s client list and planner; another РИЦ sees none of it', async () => {
    const clients = await ledger.http().get('/api/v1/clients?kppId=kpp-1').set(ledger.auth('kpp-1', 'KPP'));
    expect(clients.status).toBe(200);
    expect(clients.body.items.length).toBe(figures.clientCount);
    const planner = await ledger
      .http()
      .get('/api/v1/queues/kpp/kpp-1?date=2026-02-09')
      .set(ledger.auth('kpp-1', 'KPP'));
    expect(planner.status).toBe(200);
    expect(planner.body.items.length).toBeGreaterThan(0);
    const elsewhere = await ledger
      .http()
      .get('/api/v1/reports/call-funnel?from=2026-01-12&to=2026-02-08')
      .set(ledger.auth('ros-9', 'ROS', '555'));
    expect(elsewhere.body.dials).toBe(0);
  });

  it('refuses to simulate into a РИЦ it already filled, and the demo leaves a non-empty store alone', async () => {
    await expect(
      runSimulation(ledger.runtime, { ric: '444', clients: 1, weeks: 1, seed: 3, start: '2026-01-12' }),
    ).rejects.toThrow(/already has simulated clients/);
    const lines: string[] = [];
    expect(await seedDemo(ledger.runtime, (l) => lines.push(l))).toBe(false);
    expect(lines.join('\n')).toMatch(/not empty/);
  });
});
