import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { NewEvent, PostgresEventStore } from '@ledger/eventstore';
import { readWholeLog, testEvent } from '@ledger/eventstore/testing';
import { createTestDatabase, TestDatabase } from '@ledger/test-support';
import { openReadModels } from './data-source';
import { ProjectionNotParkedError } from './projection-parking';
import { ProjectionRunner } from './projection-runner';
import { Projection } from './projections/projection';
import { deadlinesProjection } from './projections/deadlines.projection';

describe('ProjectionRunner: poison events and unknown types park the projection', () => {
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
    await readModels.query('CREATE TABLE test_picky (event_id uuid NOT NULL, position bigint NOT NULL)');
  });
  beforeEach(async () => {
    await pool.query('TRUNCATE es_events, es_idempotency');
    await readModels.query(
      'TRUNCATE test_picky, rm_projection_checkpoints, rm_projection_audit, rm_deadlines, rm_deadline_schedule',
    );
  });
  afterAll(async () => {
    await readModels.destroy();
    await pool.end();
    await db.drop();
  });

  /** Records every event; throws on the ones marked poison while `poisoned()` says so. */
  const picky = (poisoned: () => boolean, calls = { onPoison: 0 }): Projection => ({
    name: 'picky',
    tables: ['test_picky'],
    async apply(manager, events) {
      for (const event of events) {
        if ((event.data as { poison?: boolean }).poison && poisoned()) {
          calls.onPoison++;
          throw new Error('cannot handle this one');
        }
        await manager.query('INSERT INTO test_picky (event_id, position) VALUES ($1, $2)', [
          event.metadata.eventId,
          event.position,
        ]);
      }
    },
    reset: async (manager) => void (await manager.query('DELETE FROM test_picky')),
  });

  const appendTen = async () => {
    const stream = `client-444-${randomUUID()}`;
    const events = Array.from({ length: 10 }, (_, i) => testEvent('E', { i, poison: i === 4 }));
    await store.append(stream, events, { expectedVersion: 'no_stream' });
    const all = await readWholeLog(store); // (a transaction elsewhere may hide the tail for a moment)
    return { stream, poison: all[4]!, all };
  };
  const picked = async () => (await readModels.query('SELECT count(*)::int AS n FROM test_picky'))[0].n;
  const auditTrail = () =>
    readModels.query(
      'SELECT action, position::text, stream_id, actor, reason FROM rm_projection_audit ORDER BY id',
    );

  it('narrows a failing batch to the one event, parks there, says which, and stops retrying', async () => {
    const { stream, poison } = await appendTen();
    const calls = { onPoison: 0 };
    const errors: string[] = [];
    const runner = new ProjectionRunner(store, readModels, [picky(() => true, calls)], {
      idleMs: 5,
      retryMs: 5,
      parkAfter: 3,
      onError: (_, e) => errors.push((e as Error).message),
    });
    runner.start();
    await waitUntil(async () => (await runner.statuses())[0]!.status === 'parked');
    const callsWhenParked = calls.onPoison;
    await new Promise((r) => setTimeout(r, 300));
    await runner.stop();
    expect(calls.onPoison).toBe(callsWhenParked); // no retry loop once parked
    expect(await picked()).toBe(4); // the events before the poison one are in
    const [status] = await runner.statuses();
    expect(status).toMatchObject({
      status: 'parked',
      parkedAt: { position: poison.position, streamId: stream, type: 'E', eventId: poison.metadata.eventId },
    });
    expect(status!.lastError).toContain(`position ${poison.position} of stream ${stream}`);
    expect(errors.some((m) => m.includes(`at position ${poison.position}`))).toBe(true);
    expect(await auditTrail()).toEqual([
      expect.objectContaining({
        action: 'parked',
        position: poison.position,
        stream_id: stream,
        actor: 'projector',
      }),
    ]);
    // readers learn at once that waiting will not help
    const head = (await store.headPosition())!;
    expect(await runner.progressTowards(head)).toMatchObject({ reached: false, parked: [{ name: 'picky' }] });
    await expect(runner.catchUp()).rejects.toThrow(/picky is parked at event E \(position \d+/);
  });

  it('lets an ADMIN skip exactly the parked event, with an audit record', async () => {
    const { poison, all } = await appendTen();
    const runner = new ProjectionRunner(store, readModels, [picky(() => true)], {
      idleMs: 5,
      retryMs: 5,
      parkAfter: 2,
    });
    runner.start();
    await waitUntil(async () => (await runner.statuses())[0]!.status === 'parked');
    await runner.stop();
    expect((await runner.statuses())[0]!.status).toBe('parked');
    await expect(runner.skipParked('picky', all[5]!.position, 'admin-1', 'wrong one')).rejects.toThrow(
      ProjectionNotParkedError,
    );
    await runner.skipParked('picky', poison.position, 'admin-1', 'known bad import');
    await runner.catchUp();
    expect(await picked()).toBe(9);
    expect(await auditTrail()).toEqual([
      expect.objectContaining({ action: 'parked' }),
      expect.objectContaining({
        action: 'skip',
        position: poison.position,
        actor: 'admin-1',
        reason: 'known bad import',
      }),
    ]);
    await expect(runner.skipParked('picky', poison.position, 'admin-1', null)).rejects.toThrow(/not parked/);
  });

  it('lets an ADMIN retry the parked event once it is fixed', async () => {
    await appendTen();
    let broken = true;
    const runner = new ProjectionRunner(store, readModels, [picky(() => broken)], {
      idleMs: 5,
      retryMs: 5,
      parkAfter: 2,
    });
    runner.start();
    await waitUntil(async () => (await runner.statuses())[0]!.status === 'parked');
    broken = false;
    await runner.retryParked('picky', 'admin-2');
    await waitUntil(async () => (await picked()) === 10);
    await runner.stop();
    expect((await runner.statuses())[0]).toMatchObject({
      status: 'running',
      parkedAt: null,
      lastError: null,
    });
    expect((await auditTrail()).map((a: { action: string }) => a.action)).toEqual(['parked', 'retry']);
  });

  it('never parks on a database outage: it retries with backoff until the database is back', async () => {
    await appendTen();
    let outage = 6;
    const flaky: Projection = {
      ...picky(() => false),
      async apply(manager, events) {
        if (outage-- > 0)
          throw Object.assign(new Error('Connection terminated unexpectedly'), { code: '08006' });
        await picky(() => false).apply(manager, events);
      },
    };
    const runner = new ProjectionRunner(store, readModels, [flaky], { idleMs: 5, retryMs: 2, parkAfter: 2 });
    runner.start();
    await waitUntil(async () => (await picked()) === 10);
    await runner.stop();
    expect(await auditTrail()).toEqual([]);
  });

  const deadlineSet = (deadlineId: string, type = 'DeadlineSet', schemaVersion = 1): NewEvent => {
    const event = testEvent(type, { deadlineId, kind: 'promise_due', dueAt: '2026-03-21T00:00:00Z' });
    return { ...event, metadata: { ...event.metadata, schemaVersion } };
  };

  it.each([
    [
      'an event type it does not know',
      deadlineSet('d-2', 'DeadlineSnoozed'),
      /does not know event type DeadlineSnoozed/,
    ],
    [
      'a schema version newer than this build writes',
      deadlineSet('d-2', 'DeadlineSet', 7),
      /schema version 7/,
    ],
  ])('stops at %s instead of passing it by, and says so', async (_, unknown, message) => {
    await store.append('client-444-c-1', [deadlineSet('d-1'), unknown, deadlineSet('d-3')], {
      expectedVersion: 'no_stream',
    });
    const runner = new ProjectionRunner(store, readModels, [deadlinesProjection]);
    await expect(runner.catchUp()).rejects.toThrow(/deadlines is parked/);
    const [status] = await runner.statuses();
    expect(status).toMatchObject({
      status: 'parked',
      parkedAt: { type: unknown.type, streamId: 'client-444-c-1' },
    });
    expect(status!.lastError).toMatch(message);
    expect(
      (await readModels.query('SELECT deadline_id FROM rm_deadlines')).map(
        (r: { deadline_id: string }) => r.deadline_id,
      ),
    ).toEqual(['d-1']);
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
