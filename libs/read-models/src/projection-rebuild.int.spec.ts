import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { DomainError } from '@ledger/domain';
import { PostgresEventStore } from '@ledger/eventstore';
import { testEvent } from '@ledger/eventstore/testing';
import { createTestDatabase, TestDatabase } from '@ledger/test-support';
import { openReadModels } from './data-source';
import { ProjectionRunner } from './projection-runner';
import { Projection } from './projections/projection';
import { deadlinesProjection } from './projections/deadlines.projection';
import { DeadlineScheduler } from './scheduler';

describe('ProjectionRunner: rebuild aside and swap', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let readModels: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = db.pool({ max: 8 });
    store = new PostgresEventStore(pool);
    await store.migrate();
    readModels = await openReadModels(db.url);
    await readModels.query(
      'CREATE TABLE test_built (event_id uuid PRIMARY KEY, position bigint NOT NULL, tag text)',
    );
    await readModels.query('CREATE INDEX test_built_by_position ON test_built (position)');
  });
  beforeEach(async () => {
    await pool.query('TRUNCATE es_events, es_idempotency');
    await readModels.query(
      'TRUNCATE test_built, rm_projection_checkpoints, rm_projection_audit, rm_deadlines, rm_deadline_schedule',
    );
  });
  afterAll(async () => {
    await readModels.destroy();
    await pool.end();
    await db.drop();
  });

  /** One row per event, tagged; while filling the shadow tables, each batch first waits for `gate`. */
  const built = (options: { version?: number; tag?: string; gate?: Promise<void> } = {}): Projection => ({
    name: 'built',
    tables: ['test_built'],
    version: options.version,
    async apply(manager, events) {
      const [{ path }] = await manager.query(`SELECT current_setting('search_path') AS path`);
      if (String(path).startsWith('rm_rebuild_')) await options.gate;
      for (const event of events) {
        await manager.query('INSERT INTO test_built (event_id, position, tag) VALUES ($1, $2, $3)', [
          event.metadata.eventId,
          event.position,
          options.tag ?? null,
        ]);
      }
    },
    reset: async (manager) => void (await manager.query('DELETE FROM test_built')),
  });

  const append = async (count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const event = testEvent('E', { i });
      ids.push(event.metadata.eventId);
      await store.append(`client-444-${randomUUID()}`, [event], { expectedVersion: 'no_stream' });
    }
    return ids;
  };
  const rows = (): Promise<Array<{ event_id: string; tag: string | null }>> =>
    readModels.query('SELECT event_id, tag FROM test_built ORDER BY position');

  it('keeps projecting and serving while it rebuilds: commands meanwhile are visible within the usual wait', async () => {
    const before = await append(60);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const runner = new ProjectionRunner(store, readModels, [built({ gate })], {
      batchSize: 10,
      idleMs: 5,
    });
    await runner.catchUp();
    runner.start();
    let rebuilding = true;
    const rebuild = runner.rebuild('built').finally(() => (rebuilding = false));
    await new Promise((r) => setTimeout(r, 200));
    const during = await append(5);
    const head = (await store.headPosition())!;
    await waitUntil(() => runner.hasProcessed(head), 5000); // what ?minPosition waits at most
    expect(rebuilding).toBe(true);
    expect((await rows()).length).toBe(65); // the live rows are served meanwhile
    open();
    expect(await rebuild).toBeGreaterThanOrEqual(65);
    await runner.catchUp();
    await runner.stop();
    expect((await rows()).map((r) => r.event_id).sort()).toEqual([...before, ...during].sort());
    const indexes = await readModels.query(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'test_built' ORDER BY indexname`,
    );
    expect(indexes.map((i: { indexname: string }) => i.indexname)).toEqual([
      'test_built_by_position',
      'test_built_pkey',
    ]);
    expect(
      await readModels.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rm_rebuild_%'`),
    ).toEqual([]);
    expect(await readModels.query(`SELECT action, actor FROM rm_projection_audit`)).toEqual([
      { action: 'rebuilt', actor: 'rebuild' },
    ]);
  });

  it('rebuilds a projection whose stored shape changed (another version) before projecting on', async () => {
    const ids = await append(12);
    const v1 = new ProjectionRunner(store, readModels, [built({ tag: 'v1' })], { batchSize: 5 });
    await v1.catchUp();
    const v2 = new ProjectionRunner(store, readModels, [built({ version: 2, tag: 'v2' })], {
      batchSize: 5,
      idleMs: 5,
    });
    expect((await v2.statuses())[0]).toMatchObject({ status: 'outdated', version: 1 });
    expect(await v2.hasProcessed((await store.headPosition())!)).toBe(false);
    v2.start();
    await waitUntil(async () => (await v2.statuses())[0]!.version === 2);
    const more = await append(3);
    await waitUntil(async () => v2.hasProcessed((await store.headPosition())!));
    await v2.stop();
    const after = await rows();
    expect(after.map((r) => r.event_id)).toEqual([...ids, ...more]);
    expect(new Set(after.map((r) => r.tag))).toEqual(new Set(['v2']));
  });

  it('keeps the scheduler’s failed deadlines failed when the deadlines projection is rebuilt', async () => {
    const set = testEvent('DeadlineSet', {
      deadlineId: 'd-1',
      kind: 'promise_due',
      dueAt: '2026-03-21T00:00:00Z',
    });
    await store.append('client-444-c-1', [set], { expectedVersion: 'no_stream' });
    const runner = new ProjectionRunner(store, readModels, [deadlinesProjection]);
    await runner.catchUp();
    let calls = 0;
    const scheduler = new DeadlineScheduler(readModels, async () => {
      calls++;
      throw new DomainError('client_left', 'the client has left');
    });
    await scheduler.fireDue(new Date('2026-03-22T00:00:00Z'));
    expect(await scheduler.counts()).toEqual({ failed: 1, retrying: 0 });
    expect(await runner.rebuild('deadlines')).toBe(1);
    expect(await scheduler.counts()).toEqual({ failed: 1, retrying: 0 });
    expect(await scheduler.failed('444')).toEqual([expect.objectContaining({ deadlineId: 'd-1' })]);
    expect(await scheduler.fireDue(new Date('2026-03-22T00:00:00Z'))).toBe(0);
    expect(calls).toBe(1);
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
