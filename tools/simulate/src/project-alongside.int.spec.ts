import { Pool } from 'pg';
import { TestLedger, startTestLedger } from '@ledger/test-support';
import { RunFigures, runSimulation } from './run';

/** The read models as rows, without what depends on when they were written. */
async function readModels(pool: Pool): Promise<Record<string, unknown[]>> {
  const tables: Record<string, string> = {
    rm_clients: 'SELECT client_id, state, view, stream_version FROM rm_clients ORDER BY client_id',
    rm_work_items: 'SELECT client_id, item_id, kind, due_at FROM rm_work_items ORDER BY client_id, item_id',
    rm_report_clients:
      'SELECT client_id, state, memory, stream_version FROM rm_report_clients ORDER BY client_id',
    rm_report_attempts: 'SELECT * FROM rm_report_attempts ORDER BY 1, 2, 3, 4',
    rm_report_contacts: 'SELECT * FROM rm_report_contacts ORDER BY 1, 2, 3',
    rm_report_usage_weeks: 'SELECT * FROM rm_report_usage_weeks ORDER BY 1, 2, 3',
  };
  const rows: Record<string, unknown[]> = {};
  for (const [table, sql] of Object.entries(tables)) rows[table] = (await pool.query(sql)).rows;
  return rows;
}

// The simulator projects while it appends (issue 13): the read models must end as they do when the
// catch-up runs only after the last append.
describe('npm run simulate projecting while it appends', () => {
  const runs: Array<{ ledger: TestLedger; pool: Pool; figures: RunFigures }> = [];

  beforeAll(async () => {
    for (const projectWhileAppending of [true, false]) {
      const ledger = await startTestLedger({ projector: false });
      const pool = ledger.pool({ max: 1 });
      // batches small enough that the projector has several to chase
      const figures = await runSimulation(ledger.runtime, {
        ric: '444',
        clients: 15,
        weeks: 3,
        seed: 7,
        start: '2026-01-12',
        batchEvents: 150,
        projectWhileAppending,
        // a catch-up every 200 events appended, so that it chases the appends several times
        projectEvery: 200,
      });
      runs.push({ ledger, pool, figures });
    }
  }, 180_000);
  afterAll(async () => {
    for (const { ledger, pool } of runs) {
      await pool.end();
      await ledger.close();
    }
  });

  it('ends with the same read models as a catch-up after the appends', async () => {
    const [alongside, after] = runs;
    expect(alongside!.figures.appended).toBe(after!.figures.appended);
    expect(alongside!.figures.batches).toBeGreaterThan(3);
    const a = await readModels(alongside!.pool);
    expect(a.rm_clients!.length).toBe(alongside!.figures.clientCount);
    expect(a.rm_report_attempts!.length).toBeGreaterThan(0);
    expect(a).toEqual(await readModels(after!.pool));
  });
});
