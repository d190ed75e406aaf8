import { Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '@ledger/test-support';
import { testEvent } from '../testing/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';

// appendMany sends its events as one JSON parameter: what the events say must come back as sent.
describe('PostgresEventStore.appendMany', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = db.pool({ max: 4 });
    store = new PostgresEventStore(pool);
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
    await pool.end();
    await db.drop();
  });

  it('keeps data, metadata and order exactly, odd characters and null data included', async () => {
    const odd = {
      text: 'кавычки "»«" \\ слэш, {скобки}, запятые, NULL, \n перевод, \u00e9 é 😀',
      n: [1, 2.5, null],
    };
    const a = [testEvent('A', odd), testEvent('B', null), testEvent('C', 'строка')];
    const b = [testEvent('D', { nested: { deep: [{ x: true }] } })];
    const results = await store.appendMany([
      { streamId: 'client-444-many-a', events: a, expectedVersion: 'no_stream' },
      { streamId: 'client-444-many-b', events: b, expectedVersion: 'any' },
    ]);
    expect(results).toEqual([
      { streamVersion: 3, position: expect.any(String) },
      { streamVersion: 1, position: expect.any(String) },
    ]);
    const readA = await store.readStream('client-444-many-a');
    expect(readA.map((e) => [e.type, e.streamVersion, e.data])).toEqual([
      ['A', 1, odd],
      ['B', 2, null],
      ['C', 3, 'строка'],
    ]);
    expect(readA.map((e) => e.metadata)).toEqual(a.map((e) => e.metadata));
    // positions follow the batch: a's events, then b's
    const positions = [...readA, ...(await store.readStream('client-444-many-b'))].map((e) =>
      BigInt(e.position),
    );
    expect([...positions].sort((x, y) => (x < y ? -1 : 1))).toEqual(positions);
    expect(results[0]).toMatchObject({ position: readA[2]!.position });
  });

  it('refuses only the appends whose expected version is wrong; the others commit', async () => {
    await store.appendMany([
      { streamId: 'client-444-many-c', events: [testEvent('A')], expectedVersion: 'no_stream' },
    ]);
    const results = await store.appendMany([
      { streamId: 'client-444-many-c', events: [testEvent('B')], expectedVersion: 'no_stream' },
      {
        streamId: 'client-444-many-d',
        events: [testEvent('A'), testEvent('B')],
        expectedVersion: 'no_stream',
      },
      { streamId: 'client-444-many-e', events: [testEvent('A')], expectedVersion: 5 },
    ]);
    expect(results).toEqual(['conflict', { streamVersion: 2, position: expect.any(String) }, 'conflict']);
    expect((await store.readStream('client-444-many-c')).map((e) => e.type)).toEqual(['A']);
    expect(await store.readStream('client-444-many-e')).toEqual([]);
    const next = await store.appendMany([
      { streamId: 'client-444-many-c', events: [testEvent('B')], expectedVersion: 1 },
    ]);
    expect(next).toEqual([{ streamVersion: 2, position: expect.any(String) }]);
  });
  it('numbers positions in the order of the batch, not of the stream ids (rows go in in stream order)', async () => {
    const z = [testEvent('Z1'), testEvent('Z2')];
    const a = [testEvent('A1')];
    const results = await store.appendMany([
      { streamId: 'client-444-order-z', events: z, expectedVersion: 'no_stream' },
      { streamId: 'client-444-order-a', events: a, expectedVersion: 'no_stream' },
    ]);
    const readZ = await store.readStream('client-444-order-z');
    const readA = await store.readStream('client-444-order-a');
    const positions = [...readZ, ...readA].map((e) => BigInt(e.position));
    expect(positions[1]! - positions[0]!).toBe(1n);
    expect(positions[2]! - positions[1]!).toBe(1n);
    expect(results).toEqual([
      { streamVersion: 2, position: readZ[1]!.position },
      { streamVersion: 1, position: readA[0]!.position },
    ]);
    // the event id and recorded time columns are the metadata's
    const { rows } = await pool.query<{ event_id: string; recorded_at: Date }>(
      `SELECT event_id, recorded_at FROM es_events WHERE stream_id = 'client-444-order-z' ORDER BY stream_version`,
    );
    expect(rows.map((r) => [r.event_id, r.recorded_at.toISOString()])).toEqual(
      z.map((e) => [e.metadata.eventId, new Date(e.metadata.recordedAt).toISOString()]),
    );
  });
});
