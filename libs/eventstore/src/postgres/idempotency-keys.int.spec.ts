import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '@ledger/test-support';
import { testEvent } from '../testing/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';
import { EVENT_STORE_MIGRATIONS } from './schema';

const HOUR = 3_600_000;

describe('PostgresEventStore idempotency keys: expiry and the caller scope migration', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;

  const keyed = (key: string, requestHash = 'h') => ({
    expectedVersion: 'any' as const,
    idempotency: { scope: '444/ros-1', key, requestHash, response: {} },
  });
  const age = (key: string, hours: number) =>
    pool.query(
      `UPDATE es_idempotency SET created_at = now() - $2::integer * interval '1 hour' WHERE key = $1`,
      [key, hours],
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = db.pool({ max: 4 });
    store = new PostgresEventStore(pool, false, { idempotencyTtlMs: 48 * HOUR });
    await store.migrate();
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('treats a key older than the TTL as absent, and lets it be used again', async () => {
    const stream = `client-444-${randomUUID()}`;
    const first = await store.append(stream, [testEvent()], keyed('old-key', 'h1'));
    await age('old-key', 47);
    expect(await store.findIdempotentAnswer('444/ros-1', 'old-key')).toMatchObject({ requestHash: 'h1' });

    await age('old-key', 49);
    expect(await store.findIdempotentAnswer('444/ros-1', 'old-key')).toBeNull();
    const second = await store.append(stream, [testEvent()], keyed('old-key', 'h2'));
    expect(second.streamVersion).toBe(first.streamVersion + 1);
    expect(await store.findIdempotentAnswer('444/ros-1', 'old-key')).toEqual({
      requestHash: 'h2',
      response: { streamVersion: second.streamVersion, position: second.position },
    });
  });

  it('still refuses a live key twice', async () => {
    const stream = `client-444-${randomUUID()}`;
    await store.append(stream, [testEvent()], keyed('live-key'));
    await age('live-key', 47);
    await expect(store.append(stream, [testEvent()], keyed('live-key'))).rejects.toThrow(/idempotency key/);
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('purges expired keys and keeps live ones', async () => {
    const stream = `client-444-${randomUUID()}`;
    await store.append(stream, [testEvent()], keyed('purge-old'));
    await store.append(stream, [testEvent()], keyed('purge-new'));
    await age('purge-old', 100);
    expect(await store.purgeExpiredIdempotencyKeys()).toBeGreaterThanOrEqual(1);
    const { rows } = await pool.query<{ key: string }>(
      `SELECT key FROM es_idempotency WHERE key LIKE 'purge-%' ORDER BY key`,
    );
    expect(rows.map((r) => r.key)).toEqual(['purge-new']);
  });

  it('moves the keys of a database made before keys were per caller to the caller who sent them', async () => {
    const old = await createTestDatabase();
    const oldPool = new Pool({ connectionString: old.url, max: 2 });
    try {
      // The store as it was: the first migration only, a key scoped by the РИЦ alone.
      const first = EVENT_STORE_MIGRATIONS.find((m) => m.version === 1)!;
      await oldPool.query(first.sql);
      await oldPool.query(
        `CREATE TABLE es_migrations (version integer PRIMARY KEY, name text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now());
         INSERT INTO es_migrations (version, name) VALUES (1, 'events and idempotency keys')`,
      );
      const event = testEvent();
      event.metadata.actor = { id: 'ros-7', role: 'ROS' };
      const { rows } = await oldPool.query<{ position: string }>(
        `INSERT INTO es_events (stream_id, stream_version, event_id, type, data, metadata, recorded_at)
         VALUES ('client-444-c', 1, $1, 'Something', '{}', $2, now()) RETURNING position::text`,
        [event.metadata.eventId, JSON.stringify(event.metadata)],
      );
      await oldPool.query(
        `INSERT INTO es_idempotency (scope, key, request_hash, response) VALUES ('444', 'k', 'h', $1)`,
        [JSON.stringify({ streamVersion: 1, position: rows[0]!.position })],
      );

      const upgraded = new PostgresEventStore(oldPool);
      await upgraded.migrate();
      expect(await upgraded.findIdempotentAnswer('444/ros-7', 'k')).toEqual({
        requestHash: 'h',
        response: { streamVersion: 1, position: rows[0]!.position },
      });
      expect(await upgraded.findIdempotentAnswer('444/ros-8', 'k')).toBeNull();
    } finally {
      await oldPool.end();
      await old.drop();
    }
  });
});
