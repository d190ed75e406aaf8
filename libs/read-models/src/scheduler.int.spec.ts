import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../test/support/database';
import { openReadModels } from './data-source';
import { DeadlineScheduler, DueDeadline } from './scheduler';

describe('DeadlineScheduler', () => {
  let db: TestDatabase;
  let readModels: DataSource;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase();
    readModels = await openReadModels(db.url);
    pool = new Pool({ connectionString: db.url });
  });
  beforeEach(async () => {
    await readModels.query('TRUNCATE rm_deadlines');
  });
  afterAll(async () => {
    await pool.end();
    await readModels.destroy();
    await db.drop();
  });

  const due = async (count: number, dueAt = '2026-03-21T00:00:00Z', clients = count) => {
    await readModels.query(
      `INSERT INTO rm_deadlines (ric, client_id, deadline_id, kind, due_at, status)
       SELECT '444', 'c-' || (g % $2), 'd-' || g, 'promise_due', $3, 'pending' FROM generate_series(1, $1) g`,
      [count, clients, dueAt],
    );
  };
  const statuses = async () =>
    Object.fromEntries(
      (await readModels.query(`SELECT status, count(*)::int AS n FROM rm_deadlines GROUP BY status`)).map(
        (r: { status: string; n: number }) => [r.status, r.n],
      ),
    );

  it('fires what is due and leaves what is not', async () => {
    await due(3, '2026-03-21T00:00:00Z');
    await due(0);
    await readModels.query(
      `INSERT INTO rm_deadlines (ric, client_id, deadline_id, kind, due_at, status) VALUES ('444', 'c-9', 'later', 'promise_due', '2026-03-22T00:00:00Z', 'pending')`,
    );
    const fired: string[] = [];
    const scheduler = new DeadlineScheduler(readModels, async (d) => void fired.push(d.deadlineId));
    expect(await scheduler.fireDue(new Date('2026-03-21T00:00:00Z'))).toBe(3);
    expect(fired.sort()).toEqual(['d-1', 'd-2', 'd-3']);
    expect(await statuses()).toEqual({ fired: 3, pending: 1 });
    expect(await scheduler.fireDue(new Date('2026-03-21T00:00:00Z'))).toBe(0);
  });

  it('shares the work between two racing schedulers: every deadline fires once', async () => {
    await due(500, '2026-03-21T00:00:00Z', 120);
    const fired = new Map<string, number>();
    const fire = async (d: DueDeadline) => {
      await new Promise((r) => setTimeout(r, 1));
      fired.set(d.deadlineId, (fired.get(d.deadlineId) ?? 0) + 1);
    };
    const [a, b] = [1, 2].map(
      () => new DeadlineScheduler(readModels, fire, { batchSize: 37, concurrency: 4 }),
    );
    const counts = await Promise.all([
      a!.fireDue(new Date('2026-03-22T00:00:00Z')),
      b!.fireDue(new Date('2026-03-22T00:00:00Z')),
    ]);
    expect(counts[0]! + counts[1]!).toBe(500);
    expect(counts.every((n) => n > 0)).toBe(true);
    expect(fired.size).toBe(500);
    expect([...fired.values()].every((n) => n === 1)).toBe(true);
  });

  it('keeps a deadline whose firing failed, counts the attempt, and gives up visibly', async () => {
    await due(1);
    const scheduler = new DeadlineScheduler(
      readModels,
      async () => {
        throw new Error('store unavailable');
      },
      { maxAttempts: 2 },
    );
    expect(await scheduler.fireDue(new Date('2026-03-22T00:00:00Z'))).toBe(0);
    expect(await readModels.query('SELECT status, attempts FROM rm_deadlines')).toEqual([
      { status: 'pending', attempts: 1 },
    ]);
    await scheduler.fireDue(new Date('2026-03-22T00:00:00Z')); // the next tick tries again
    const [row] = await readModels.query('SELECT status, attempts, last_error FROM rm_deadlines');
    expect(row).toEqual({ status: 'failed', attempts: 2, last_error: 'store unavailable' });
    expect(await scheduler.fireDue(new Date('2026-03-23T00:00:00Z'))).toBe(0);
  });

  it('fires again after a crash between firing and marking, which the decider makes harmless', async () => {
    await due(2);
    let crashed = false;
    const fired: string[] = [];
    const crashing = new DeadlineScheduler(readModels, async (d) => {
      fired.push(d.deadlineId);
      if (!crashed) {
        crashed = true;
        // the process dies here: its transaction, and so the claim, is gone
        const [{ pid }] = await readModels.query(
          `SELECT pid FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE l.relation = 'rm_deadlines'::regclass AND l.mode = 'RowShareLock' LIMIT 1`,
        );
        await pool.query('SELECT pg_terminate_backend($1)', [pid]);
        throw new Error('killed');
      }
    });
    await expect(crashing.fireDue(new Date('2026-03-22T00:00:00Z'))).rejects.toThrow();
    expect(await statuses()).toEqual({ pending: 2 });
    const restarted = new DeadlineScheduler(readModels, async (d) => void fired.push(d.deadlineId));
    expect(await restarted.fireDue(new Date('2026-03-22T00:00:00Z'))).toBe(2);
    expect(await statuses()).toEqual({ fired: 2 });
  });
});
