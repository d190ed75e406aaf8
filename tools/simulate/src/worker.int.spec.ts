import { Pool } from 'pg';
import { clientStreamId } from '@ledger/domain';
import { TestLedger, startTestLedger } from '@ledger/test-support';
import { RunFigures, RunOptions, runSimulation } from './run';

/** The log as stored: positions, streams, versions, ids, data and metadata (sealed as stored). */
const LOG = `SELECT position, stream_id, stream_version, event_id, type, data, metadata
  FROM es_events ORDER BY position`;
/**
 * Contact persons' data is sealed with a fresh IV each time (ADR 0058): compared sealed, not by
 * bytes — wherever it is in an event (a handover's snapshot of the contacts holds it too).
 */
const unsealed = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(unsealed)
    : value && typeof value === 'object'
      ? 'ct' in value && 'iv' in value && 'tag' in value
        ? { ...value, ct: 'sealed', iv: '', tag: '' }
        : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unsealed(v)]))
      : value;
const unsealedShape = (rows: Array<{ data: { personal?: Record<string, unknown> } }>) =>
  rows.map((row) => ({ ...row, data: unsealed(row.data) }));
const READ_MODELS = [
  'SELECT client_id, state, view, stream_version FROM rm_clients ORDER BY client_id',
  'SELECT client_id, item_id, kind, due_at FROM rm_work_items ORDER BY client_id, item_id',
  'SELECT * FROM rm_report_attempts ORDER BY 1, 2, 3, 4',
];

// Generating in a worker thread (the build's compiled code: `npm test` builds first) must store
// exactly what the single-threaded run stores, in the same transactions, and project the same.
describe('npm run simulate -- --worker', () => {
  const runs: Array<{ ledger: TestLedger; pool: Pool; figures: RunFigures }> = [];
  const options: RunOptions = {
    ric: '444',
    clients: 30,
    weeks: 5,
    seed: 9,
    start: '2026-01-12',
    // several flushes, each cut into several batches, so that the threads take turns
    flushEvery: 400,
    batchEvents: 150,
  };

  beforeAll(async () => {
    for (const worker of [false, true]) {
      const ledger = await startTestLedger({ projector: false });
      const pool = ledger.pool({ max: 1 });
      const figures = await runSimulation(ledger.runtime, {
        ...options,
        worker,
        projectWhileAppending: worker,
        projectEvery: 300,
      });
      runs.push({ ledger, pool, figures });
    }
  }, 240_000);
  afterAll(async () => {
    for (const { ledger, pool } of runs) {
      await pool.end();
      await ledger.close();
    }
  });

  it('stores the same events at the same positions, in as many batches, with the same counts', async () => {
    const [inThread, inWorker] = runs;
    expect(inWorker!.figures.batches).toBe(inThread!.figures.batches);
    expect(inWorker!.figures.batches).toBeGreaterThan(5);
    expect(inWorker!.figures.clientCount).toBe(inThread!.figures.clientCount);
    expect([...inWorker!.figures.counts]).toEqual([...inThread!.figures.counts]);
    expect([...inWorker!.figures.refusals]).toEqual([...inThread!.figures.refusals]);
    const stored = (await inThread!.pool.query(LOG)).rows;
    expect(stored.length).toBe(inThread!.figures.appended);
    const sealed = stored.filter((row) => row.data?.personal?.ct).length;
    expect(sealed).toBe(inThread!.figures.counts.get('ContactPersonAdded'));
    expect(unsealedShape((await inWorker!.pool.query(LOG)).rows)).toEqual(unsealedShape(stored));
    // and opened through the store, the sealed data is the same too
    const stream = clientStreamId('444', 'c00000');
    const events = await inThread!.ledger.runtime.store.readStream(stream);
    expect(events.some((e) => e.type === 'ContactPersonAdded')).toBe(true);
    expect(await inWorker!.ledger.runtime.store.readStream(stream)).toEqual(events);
  });

  it('projects the same read models while it appends', async () => {
    for (const sql of READ_MODELS) {
      const rows = (await runs[0]!.pool.query(sql)).rows;
      expect(rows.length).toBeGreaterThan(0);
      expect((await runs[1]!.pool.query(sql)).rows).toEqual(rows);
    }
  });
});
