import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '@ledger/test-support';
import { WrongExpectedVersionError } from '../event-store';
import { testEvent } from '../testing/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';

/** Appends without a key take the short statements (ADR 0065, update), with group commit on or off. */
describe.each([true, false])('PostgresEventStore appends without a key (group commit %s)', (groupCommit) => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  const statements: string[] = [];
  const stream = () => `client-444-${randomUUID()}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = db.pool({ max: 4 });
    await new PostgresEventStore(pool).migrate();
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    (pool as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = (...args) => {
      statements.push(String((args[0] as { name?: string }).name ?? args[0]));
      return query(...args);
    };
    store = new PostgresEventStore(pool, false, { groupCommit });
  });
  beforeEach(() => {
    statements.length = 0;
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('appends in one short statement, events in order, answering the last version and position', async () => {
    const id = stream();
    await store.append(id, [testEvent('A')], { expectedVersion: 'no_stream' });
    const events = [testEvent('B', { n: 1 }), testEvent('C', null), testEvent('D', 'строка')];
    const result = await store.append(id, events, { expectedVersion: 1 });

    expect(statements).toEqual(['es_lone_append', 'es_lone_append']);
    const read = await store.readStream(id);
    expect(read.map((e) => [e.type, e.streamVersion, e.data])).toEqual([
      ['A', 1, {}],
      ['B', 2, { n: 1 }],
      ['C', 3, null],
      ['D', 4, 'строка'],
    ]);
    expect(read.slice(1).map((e) => e.metadata)).toEqual(events.map((e) => e.metadata));
    const positions = read.map((e) => BigInt(e.position));
    expect([...positions].sort((x, y) => (x < y ? -1 : 1))).toEqual(positions);
    expect(result).toEqual({ streamVersion: 4, position: read[3]!.position });
    // 'any' appends at whatever version the stream is at
    expect(await store.append(id, [testEvent('E')], { expectedVersion: 'any' })).toMatchObject({
      streamVersion: 5,
    });
  });

  it('refuses a wrong expected version with the actual one and appends nothing', async () => {
    const id = stream();
    await store.append(id, [testEvent('A'), testEvent('B')], { expectedVersion: 'no_stream' });
    for (const expectedVersion of ['no_stream', 1, 3] as const) {
      const refused = await store
        .append(id, [testEvent('X')], { expectedVersion })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(WrongExpectedVersionError);
      expect(refused).toMatchObject({ expected: expectedVersion, actual: 2 });
    }
    const absent = await store
      .append(stream(), [testEvent('X')], { expectedVersion: 1 })
      .catch((error: unknown) => error);
    expect(absent).toMatchObject({ name: 'WrongExpectedVersionError', actual: 0 });
    expect((await store.readStream(id)).map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('refuses, committing nothing, when a writer of another process takes the next version meanwhile', async () => {
    const id = stream();
    const racer = await pool.connect();
    try {
      // the racer's row is in but not committed: the lone append's insert waits on it
      await racer.query('BEGIN');
      await racer.query(
        `INSERT INTO es_events (stream_id, stream_version, event_id, type, data, metadata, recorded_at)
         VALUES ($1, 1, $2, 'Racer', '{}', '{}', now())`,
        [id, randomUUID()],
      );
      const lone = store
        .append(id, [testEvent('Mine'), testEvent('Mine')], { expectedVersion: 'no_stream' })
        .catch((error: unknown) => error);
      await new Promise((r) => setTimeout(r, 200));
      await racer.query('COMMIT');
      expect(await lone).toMatchObject({ name: 'WrongExpectedVersionError', actual: 1 });
    } finally {
      racer.release();
    }
    expect((await store.readStream(id)).map((e) => e.type)).toEqual(['Racer']);
  });

  it('runs concurrent appends as one unkeyed group (or each alone): own answers, a conflict only its own', async () => {
    const ids = [stream(), stream(), stream()];
    await store.append(ids[1]!, [testEvent('A')], { expectedVersion: 'no_stream' });
    statements.length = 0;
    const results = await Promise.allSettled(
      ids.map((id) => store.append(id, [testEvent('B'), testEvent('C')], { expectedVersion: 'no_stream' })),
    );
    expect(statements).toEqual(
      groupCommit ? ['es_group_unkeyed'] : ['es_lone_append', 'es_lone_append', 'es_lone_append'],
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
      name: 'WrongExpectedVersionError',
      actual: 1,
    });
    const [first, third] = [results[0], results[2]].map(
      (r) => (r as PromiseFulfilledResult<{ streamVersion: number; position: string }>).value,
    );
    expect(first!.streamVersion).toBe(2);
    expect(third!.streamVersion).toBe(2);
    // positions follow the order the appends were submitted in
    expect(BigInt(third!.position)).toBeGreaterThan(BigInt(first!.position));
    expect((await store.readStream(ids[0]!)).map((e) => e.position)[1]).toBe(first!.position);
    expect((await store.readStream(ids[1]!)).map((e) => e.type)).toEqual(['A']);
  });
});
