import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { PostgresEventStore, RecordedEvent } from '@ledger/eventstore';
import { testEvent } from '@ledger/eventstore/testing';
import { createTestDatabase, TestDatabase } from '@ledger/test-support';
import { openReadModels } from './data-source';
import { ProjectionRunner } from './projection-runner';
import { Projection } from './projections/projection';

/** A projection that writes one row per event it sees, so a duplicate or a loss shows up. */
const seenProjection = (
  hooks: { beforeEach?: (event: RecordedEvent, manager: EntityManager) => Promise<void> } = {},
): Projection => ({
  name: 'seen',
  tables: ['test_seen'],
  async apply(manager, events) {
    for (const event of events) {
      await hooks.beforeEach?.(event, manager);
      await manager.query('INSERT INTO test_seen (event_id, position) VALUES ($1, $2)', [
        event.metadata.eventId,
        event.position,
      ]);
    }
  },
  async reset(manager) {
    await manager.query('DELETE FROM test_seen');
  },
});

describe('ProjectionRunner', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let readModels: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = db.pool({ max: 12 });
    store = new PostgresEventStore(pool);
    await store.migrate();
    readModels = await openReadModels(db.url);
    await readModels.query('CREATE TABLE test_seen (event_id uuid NOT NULL, position bigint NOT NULL)');
  });
  beforeEach(async () => {
    await pool.query('TRUNCATE es_events, es_idempotency');
    await readModels.query('TRUNCATE test_seen, rm_projection_checkpoints');
  });
  afterAll(async () => {
    await readModels.destroy();
    await pool.end();
    await db.drop();
  });

  const appendMany = async (writers: number, perWriter: number): Promise<string[]> => {
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: writers }, async () => {
        for (let i = 0; i < perWriter; i++) {
          const event = testEvent('E', { i });
          ids.push(event.metadata.eventId);
          await store.append(`client-444-${randomUUID()}`, [event], { expectedVersion: 'no_stream' });
        }
      }),
    );
    return ids;
  };

  const projectedCounts = async () => {
    const rows: Array<{ event_id: string; n: string }> = await readModels.query(
      'SELECT event_id, count(*) AS n FROM test_seen GROUP BY event_id',
    );
    return rows;
  };

  const expectExactlyOnce = async (ids: string[]) => {
    const rows = await projectedCounts();
    expect(rows.map((r) => r.event_id).sort()).toEqual([...ids].sort());
    expect(rows.filter((r) => r.n !== '1')).toEqual([]);
  };

  it('projects every event exactly once while 8 writers append concurrently', async () => {
    const runner = new ProjectionRunner(store, readModels, [seenProjection()], { batchSize: 25, idleMs: 5 });
    runner.start();
    const ids = await appendMany(8, 150);
    await waitUntil(async () => (await runner.hasProcessed((await store.headPosition())!)) === true);
    await runner.stop();
    await expectExactlyOnce(ids);
    const [checkpoint] = await readModels.query(
      `SELECT events_processed FROM rm_projection_checkpoints WHERE name = 'seen'`,
    );
    expect(checkpoint.events_processed).toBe('1200');
  });

  it('resumes after a crash inside a batch with no loss and no duplicate', async () => {
    const ids = await appendMany(2, 50);
    let crashes = 0;
    const crashing = seenProjection({
      // Every 37th event, while crashes last, the "process" dies mid-batch: the transaction never commits.
      beforeEach: async (event) => {
        if (crashes < 3 && Number(event.position) % 37 === 0) {
          crashes++;
          throw new Error('simulated crash inside a batch');
        }
      },
    });
    const errors: string[] = [];
    const runner = new ProjectionRunner(store, readModels, [crashing], {
      batchSize: 10,
      idleMs: 5,
      retryMs: 5,
      onError: (_, e) => errors.push((e as Error).message),
    });
    runner.start();
    await waitUntil(async () => runner.hasProcessed((await store.headPosition())!));
    await runner.stop();
    expect(errors).toHaveLength(3);
    await expectExactlyOnce(ids);
  });

  it('survives its database connection being killed in the middle of a batch', async () => {
    const ids = await appendMany(1, 40);
    let killed = false;
    const killing = seenProjection({
      beforeEach: async (event, manager) => {
        if (!killed && Number(event.position) % 10 === 5) {
          killed = true;
          // The server ends this transaction's backend, as a crash of the projector's host would.
          const [{ pid }] = await manager.query('SELECT pg_backend_pid() AS pid');
          await pool.query('SELECT pg_terminate_backend($1)', [pid]);
        }
      },
    });
    const runner = new ProjectionRunner(store, readModels, [killing], {
      batchSize: 10,
      idleMs: 5,
      retryMs: 5,
    });
    runner.start();
    await waitUntil(async () => runner.hasProcessed((await store.headPosition())!));
    await runner.stop();
    expect(killed).toBe(true);
    await expectExactlyOnce(ids);
  });

  it('resumes between batches in a new runner (a restarted process) where the old one stopped', async () => {
    const ids = await appendMany(2, 30);
    const first = new ProjectionRunner(store, readModels, [seenProjection()], { batchSize: 7 });
    // two batches (a batch may come short while another database's transaction hides events)
    let applied = 0;
    for (let batches = 0; batches < 2;) {
      const n = await first.processBatch(first.projections[0]!);
      if (n > 0) batches++;
      applied += n;
    }
    expect((await projectedCounts()).length).toBe(applied);
    expect(applied).toBeLessThan(60);
    const second = new ProjectionRunner(store, readModels, [seenProjection()], { batchSize: 7 });
    await second.catchUp();
    await expectExactlyOnce(ids);
  });

  it('catches up to what was committed at the call and returns, while writers go on appending', async () => {
    await appendMany(1, 20);
    let writing = true;
    const writers = Array.from({ length: 4 }, async () => {
      while (writing) {
        await store.append(`client-444-${randomUUID()}`, [testEvent('E')], { expectedVersion: 'no_stream' });
      }
    });
    try {
      await new Promise((r) => setTimeout(r, 200));
      const head = (await store.headPosition())!;
      // small batches: each finds new events behind it, so a runner that chases the tail never returns
      const runner = new ProjectionRunner(store, readModels, [seenProjection()], { batchSize: 5 });
      const started = Date.now();
      await runner.catchUp(10_000);
      expect(Date.now() - started).toBeLessThan(8_000);
      expect(await runner.hasProcessed(head)).toBe(true);
    } finally {
      writing = false;
      await Promise.all(writers);
    }
  });

  it('lets two runners race on one projection without applying a batch twice', async () => {
    const ids = await appendMany(4, 40);
    const runners = [1, 2].map(
      () => new ProjectionRunner(store, readModels, [seenProjection()], { batchSize: 9, idleMs: 2 }),
    );
    runners.forEach((r) => r.start());
    await waitUntil(async () => runners[0]!.hasProcessed((await store.headPosition())!));
    await Promise.all(runners.map((r) => r.stop()));
    await expectExactlyOnce(ids);
  });

  it('rebuilds from zero to the same rows', async () => {
    const ids = await appendMany(2, 20);
    const runner = new ProjectionRunner(store, readModels, [seenProjection()], { batchSize: 8 });
    await runner.catchUp();
    const before = await readModels.query('SELECT event_id, position FROM test_seen ORDER BY position');
    expect(await runner.rebuild('seen')).toBe(40);
    const after = await readModels.query('SELECT event_id, position FROM test_seen ORDER BY position');
    expect(after).toEqual(before);
    await expectExactlyOnce(ids);
    await runner.catchUp();
    await expectExactlyOnce(ids);
  });

  it('parks a projection that keeps failing at the event it fails on, and keeps the others going', async () => {
    await appendMany(1, 5);
    const broken: Projection = {
      name: 'broken',
      tables: [],
      apply: async () => {
        throw new Error('always fails');
      },
      reset: async () => undefined,
    };
    const runner = new ProjectionRunner(store, readModels, [broken, seenProjection()], {
      idleMs: 5,
      retryMs: 20,
    });
    runner.start();
    await waitUntil(async () => (await projectedCounts()).length === 5);
    await waitUntil(
      async () => (await runner.statuses()).find((s) => s.name === 'broken')?.status === 'parked',
    );
    await runner.stop();
    const statuses = await runner.statuses();
    const first = (await store.readAll(null, 1)).events[0]!;
    expect(statuses.find((s) => s.name === 'broken')).toMatchObject({
      status: 'parked',
      lastError: expect.stringContaining('always fails'),
      parkedAt: {
        position: first.position,
        streamId: first.streamId,
        type: 'E',
        eventId: first.metadata.eventId,
      },
    });
    expect(statuses.find((s) => s.name === 'seen')).toMatchObject({ status: 'running' });
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
