import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { DomainError } from '@ledger/domain';
import { PostgresEventStore } from '@ledger/eventstore';
import { testEvent } from '@ledger/eventstore/testing';
import { createTestDatabase, TestDatabase } from '@ledger/test-support';
import { openReadModels } from './data-source';
import { DeadlineScheduler, DueDeadline } from './scheduler';

describe('DeadlineScheduler', () => {
  let db: TestDatabase;
  let readModels: DataSource;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase();
    readModels = await openReadModels(db.url);
    pool = db.pool();
  });
  beforeEach(async () => {
    await readModels.query('TRUNCATE rm_deadlines, rm_deadline_schedule');
  });
  afterAll(async () => {
    await pool.end();
    await readModels.destroy();
    await db.drop();
  });

  const due = async (count: number, dueAt = '2026-03-21T00:00:00Z', clients = count) => {
    await readModels.query(
      `INSERT INTO rm_deadlines (ric, client_id, deadline_id, kind, due_at, status, set_position)
       SELECT '444', 'c-' || (g % $2), 'd-' || g, 'promise_due', $3, 'pending', g FROM generate_series(1, $1) g`,
      [count, clients, dueAt],
    );
  };
  /** What the scheduler made of each deadline: its own status where it has one, else the projection's. */
  const statuses = async () =>
    Object.fromEntries(
      (
        await readModels.query(
          `SELECT coalesce(s.status, d.status) AS status, count(*)::int AS n FROM rm_deadlines d
           LEFT JOIN rm_deadline_schedule s USING (ric, client_id, deadline_id) GROUP BY 1`,
        )
      ).map((r: { status: string; n: number }) => [r.status, r.n]),
    );
  const schedule = () =>
    readModels.query(
      `SELECT deadline_id, status, attempts, last_error, next_attempt_at > now() AS backing_off
       FROM rm_deadline_schedule ORDER BY deadline_id`,
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
    // Each scheduler's first deadline waits (up to 10 s) until the other has claimed one too, so
    // one of them cannot finish the lot before the other's first claim on a loaded machine; what
    // the test shows is that their claims never overlap.
    const started = [false, false];
    const patience = Date.now() + 10_000;
    const fireAs = (me: 0 | 1) => async (d: DueDeadline) => {
      started[me] = true;
      while (!started[1 - me] && Date.now() < patience) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 1));
      fired.set(d.deadlineId, (fired.get(d.deadlineId) ?? 0) + 1);
    };
    const [a, b] = ([0, 1] as const).map(
      (me) => new DeadlineScheduler(readModels, fireAs(me), { batchSize: 37, concurrency: 4 }),
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

  it('holds no transaction while it fires: an append made by a firing command is visible to log readers', async () => {
    const store = new PostgresEventStore(pool);
    await store.migrate();
    await due(1);
    let seen = false;
    const scheduler = new DeadlineScheduler(readModels, async () => {
      const { position } = await store.append('client-444-c-1', [testEvent('DeadlineFired')], {
        expectedVersion: 'any',
      });
      // a projection reading the log must see the append while the scheduler is still at work
      for (const until = Date.now() + 2000; !seen && Date.now() < until;) {
        const { events } = await store.readAll(null, 1000);
        seen = events.some((e) => e.position === position);
        if (!seen) await new Promise((r) => setTimeout(r, 20));
      }
    });
    expect(await scheduler.fireDue(new Date('2026-03-22T00:00:00Z'))).toBe(1);
    expect(seen).toBe(true);
  });

  it('retries a failing deadline with exponential backoff, not within one tick, and gives up visibly', async () => {
    await due(1);
    let calls = 0;
    const scheduler = new DeadlineScheduler(
      readModels,
      async () => {
        calls++;
        throw new Error('store unavailable');
      },
      { maxAttempts: 3, backoffMs: 400 },
    );
    const now = new Date('2026-03-22T00:00:00Z');
    expect(await scheduler.fireDue(now)).toBe(0);
    expect(await scheduler.fireDue(now)).toBe(0); // backing off: not tried again at once
    expect(calls).toBe(1);
    expect(await schedule()).toEqual([
      {
        deadline_id: 'd-1',
        status: 'pending',
        attempts: 1,
        last_error: 'store unavailable',
        backing_off: true,
      },
    ]);
    await new Promise((r) => setTimeout(r, 500));
    await scheduler.fireDue(now);
    expect(calls).toBe(2);
    expect((await schedule())[0]).toMatchObject({ attempts: 2, backing_off: true }); // 800 ms now
    await new Promise((r) => setTimeout(r, 300));
    await scheduler.fireDue(now);
    expect(calls).toBe(2);
    await new Promise((r) => setTimeout(r, 600));
    await scheduler.fireDue(now);
    expect(calls).toBe(3);
    expect((await schedule())[0]).toMatchObject({ status: 'failed', attempts: 3 });
    expect(await scheduler.counts()).toEqual({ failed: 1, retrying: 0 });
    expect(await scheduler.failed('444')).toEqual([
      expect.objectContaining({
        clientId: 'c-0',
        deadlineId: 'd-1',
        attempts: 3,
        lastError: 'store unavailable',
      }),
    ]);
    expect(await scheduler.failed('555')).toEqual([]);
    await new Promise((r) => setTimeout(r, 1700)); // past any backoff: failed is final
    expect(await scheduler.fireDue(new Date('2026-03-23T00:00:00Z'))).toBe(0);
    expect(calls).toBe(3);
  });

  it('survives a database outage shorter than its backoff: the deadline fires once the store is back', async () => {
    await due(1);
    let outage = true;
    const scheduler = new DeadlineScheduler(
      readModels,
      async () => {
        if (outage) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      },
      { backoffMs: 20 },
    );
    const now = new Date('2026-03-22T00:00:00Z');
    for (let tick = 0; tick < 5; tick++) {
      await scheduler.fireDue(now);
      await new Promise((r) => setTimeout(r, 5));
    }
    outage = false;
    for (let tick = 0; tick < 200 && (await statuses()).fired !== 1; tick++) {
      await scheduler.fireDue(now);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await statuses()).toEqual({ fired: 1 });
  });

  it('treats a refusal by the domain as final at once, and fires it again when an ADMIN asks', async () => {
    await due(1);
    let refuse = true;
    const scheduler = new DeadlineScheduler(readModels, async () => {
      if (refuse) throw new DomainError('client_left', 'the client has left remote service');
    });
    expect(await scheduler.fireDue(new Date('2026-03-22T00:00:00Z'))).toBe(0);
    expect(await schedule()).toEqual([
      expect.objectContaining({
        status: 'failed',
        attempts: 1,
        last_error: 'the client has left remote service',
      }),
    ]);
    expect(await scheduler.refire('444', 'c-0', 'nothing')).toBeNull();
    expect(await scheduler.refire('444', 'c-0', 'd-1')).toEqual({
      status: 'failed',
      error: 'the client has left remote service',
    });
    refuse = false;
    expect(await scheduler.refire('444', 'c-0', 'd-1')).toEqual({ status: 'fired', error: null });
    expect(await statuses()).toEqual({ fired: 1 });
    expect(await scheduler.failed(null)).toEqual([]);
  });

  it('fires again after a crash between claiming and marking, once the lease has run out', async () => {
    await due(2);
    const fired: string[] = [];
    // The process dies while firing: its claims stay, leased, with nobody to finish them.
    const dying = new DeadlineScheduler(readModels, () => new Promise<void>(() => undefined), {
      leaseMs: 300,
    });
    void dying.fireDue(new Date('2026-03-22T00:00:00Z'));
    await new Promise((r) => setTimeout(r, 100));
    const restarted = new DeadlineScheduler(readModels, async (d) => void fired.push(d.deadlineId));
    expect(await restarted.fireDue(new Date('2026-03-22T00:00:00Z'))).toBe(0); // still leased
    await new Promise((r) => setTimeout(r, 1000));
    expect(await restarted.fireDue(new Date('2026-03-22T00:00:00Z'))).toBe(2);
    expect(fired.sort()).toEqual(['d-1', 'd-2']);
    expect(await statuses()).toEqual({ fired: 2 });
  });

  it('treats a deadline set again (a new DeadlineSet) as a new timer, whatever became of the old one', async () => {
    await due(1);
    const scheduler = new DeadlineScheduler(readModels, async () => {
      throw new DomainError('refused', 'no');
    });
    await scheduler.fireDue(new Date('2026-03-22T00:00:00Z'));
    expect(await scheduler.counts()).toEqual({ failed: 1, retrying: 0 });
    await readModels.query(`UPDATE rm_deadlines SET set_position = 99`);
    expect(await scheduler.counts()).toEqual({ failed: 0, retrying: 0 });
    const again = new DeadlineScheduler(readModels, async () => undefined);
    expect(await again.fireDue(new Date('2026-03-22T00:00:00Z'))).toBe(1);
  });
});
