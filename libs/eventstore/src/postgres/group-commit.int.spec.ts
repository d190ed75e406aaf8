import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '@ledger/test-support';
import { IdempotencyKeyTakenError, WrongExpectedVersionError } from '../event-store';
import { testEvent } from '../testing/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';

/** Group commit (ADR 0065): appends submitted in one turn of the event loop share one transaction. */
describe('PostgresEventStore group commit', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;

  const stream = () => `client-444-${randomUUID()}`;
  /** The writing transaction of each event, by event id. */
  const transactionsOf = async (eventIds: string[]) => {
    const { rows } = await pool.query<{ event_id: string; tx: string }>(
      'SELECT event_id::text, transaction_id::text AS tx FROM es_events WHERE event_id = ANY($1::uuid[])',
      [eventIds],
    );
    return new Map(rows.map((r) => [r.event_id, r.tx]));
  };
  const keyed = (key: string, requestHash = 'h') => ({
    scope: '444/ros-1',
    key,
    requestHash,
    response: { clientId: 'c-1' },
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = db.pool({ max: 8 });
    store = new PostgresEventStore(pool);
    await store.migrate();
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('commits the group in one transaction, failing only the append whose expected version is wrong', async () => {
    const ids = [stream(), stream(), stream(), stream()];
    await store.append(ids[2]!, [testEvent()], { expectedVersion: 'no_stream' });
    const events = ids.map(() => testEvent());

    const results = await Promise.allSettled(
      ids.map((id, n) => store.append(id, [events[n]!], { expectedVersion: 'no_stream' })),
    );

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const refused = (results[2] as PromiseRejectedResult).reason as WrongExpectedVersionError;
    expect(refused).toBeInstanceOf(WrongExpectedVersionError);
    expect(refused.actual).toBe(1);
    expect(await store.readStream(ids[2]!)).toHaveLength(1);
    const tx = await transactionsOf(events.map((e) => e.metadata.eventId));
    expect(tx.has(events[2]!.metadata.eventId)).toBe(false);
    // the three others share one transaction: one commit, one flush
    expect(new Set(tx.values()).size).toBe(1);
    expect(tx.size).toBe(3);
  });

  it('answers each append of a group with its own version and position, in the order submitted', async () => {
    const [a, b] = [stream(), stream()];
    const [first, second] = await Promise.all([
      store.append(a, [testEvent(), testEvent()], { expectedVersion: 'no_stream' }),
      store.append(b, [testEvent()], { expectedVersion: 'no_stream' }),
    ]);
    expect(first.streamVersion).toBe(2);
    expect(second.streamVersion).toBe(1);
    expect(BigInt(second.position)).toBeGreaterThan(BigInt(first.position));
    expect((await store.readStream(a)).map((e) => e.position)).toEqual([
      String(BigInt(first.position) - 1n),
      first.position,
    ]);
  });

  it('puts concurrent appends to the same stream in successive groups, each checked against the one before', async () => {
    const id = stream();
    const racing = await Promise.allSettled(
      [1, 2, 3].map((n) => store.append(id, [testEvent('E', { n })], { expectedVersion: 'no_stream' })),
    );
    expect(racing.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    for (const r of racing.slice(1))
      expect((r as PromiseRejectedResult).reason).toMatchObject({
        name: 'WrongExpectedVersionError',
        actual: 1,
      });

    const unchecked = await Promise.all(
      [4, 5, 6].map((n) => store.append(id, [testEvent('E', { n })], { expectedVersion: 'any' })),
    );
    expect(unchecked.map((r) => r.streamVersion)).toEqual([2, 3, 4]);
    expect((await store.readStream(id)).map((e) => (e.data as { n: number }).n)).toEqual([1, 4, 5, 6]);
  });

  it('loses nothing and duplicates nothing when a group rolls back as a whole', async () => {
    const ids = [stream(), stream(), stream()];
    const events = ids.map(() => testEvent());
    // an event id already in the log: the group's one statement fails and commits nothing
    const duplicate = testEvent();
    await store.append(stream(), [duplicate], { expectedVersion: 'no_stream' });

    const results = await Promise.allSettled([
      store.append(ids[0]!, [events[0]!], { expectedVersion: 'no_stream' }),
      store.append(stream(), [duplicate], { expectedVersion: 'no_stream' }),
      store.append(ids[1]!, [events[1]!], { expectedVersion: 'no_stream' }),
      store.append(ids[2]!, [events[2]!], { expectedVersion: 'no_stream', idempotency: keyed(randomUUID()) }),
    ]);

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const { rows } = await pool.query<{ event_id: string; n: number }>(
      'SELECT event_id::text, count(*)::integer AS n FROM es_events WHERE event_id = ANY($1::uuid[]) GROUP BY 1',
      [[...events, duplicate].map((e) => e.metadata.eventId)],
    );
    expect(rows.map((r) => r.n)).toEqual([1, 1, 1, 1]);
    for (const [n, id] of ids.entries()) {
      expect((await store.readStream(id)).map((e) => e.metadata.eventId)).toEqual([
        events[n]!.metadata.eventId,
      ]);
    }
  });

  it('fails only the racing append when a writer of another process takes a stream of the group', async () => {
    const other = new PostgresEventStore(pool, false, { groupCommit: false });
    const [raced, calm] = [stream(), stream()];
    // the other process's writer lands between the group's version check and its insert: hold its
    // insert in an open transaction so that the group's insert waits on it, then commit it
    const racer = await pool.connect();
    try {
      await racer.query('BEGIN');
      await racer.query(
        `INSERT INTO es_events (stream_id, stream_version, event_id, type, data, metadata, recorded_at)
         VALUES ($1, 1, $2, 'E', '{}', '{}', now())`,
        [raced, randomUUID()],
      );
      const group = Promise.allSettled([
        store.append(raced, [testEvent()], { expectedVersion: 'no_stream' }),
        store.append(calm, [testEvent()], { expectedVersion: 'no_stream' }),
      ]);
      await new Promise((r) => setTimeout(r, 200));
      await racer.query('COMMIT');
      const [lost, won] = await group;
      expect((lost as PromiseRejectedResult).reason).toMatchObject({
        name: 'WrongExpectedVersionError',
        actual: 1,
      });
      expect(won.status).toBe('fulfilled');
    } finally {
      racer.release();
    }
    expect(await store.readStream(raced)).toHaveLength(1);
    expect(await other.readStream(calm)).toHaveLength(1);
  });

  it('never lets readAll skip an event committed by a group', async () => {
    const writers = 8;
    const perWriter = 40;
    const seen = new Map<string, number>();
    let cursor: string | null = null;
    let writing = true;
    const reader = (async () => {
      for (;;) {
        const head = writing ? null : await store.headPosition();
        const batch = await store.readAll(cursor, 7);
        for (const e of batch.events) seen.set(e.metadata.eventId, (seen.get(e.metadata.eventId) ?? 0) + 1);
        cursor = batch.cursor;
        if (head !== null && (await store.hasReached(cursor, head))) return;
      }
    })();
    const appended: string[] = [];
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        const id = `${stream()}-${w}`;
        for (let i = 0; i < perWriter; i++) {
          const event = testEvent('E', { w, i });
          appended.push(event.metadata.eventId);
          await store.append(id, [event], { expectedVersion: i === 0 ? 'no_stream' : i });
        }
      }),
    );
    writing = false;
    await reader;

    expect(appended).toHaveLength(writers * perWriter);
    const mine = [...seen.keys()].filter((id) => appended.includes(id));
    expect(mine.sort()).toEqual([...appended].sort());
    expect(mine.every((id) => seen.get(id) === 1)).toBe(true);
    // and the writers did share transactions (else this proves nothing about groups)
    const tx = await transactionsOf(appended);
    expect(new Set(tx.values()).size).toBeLessThan(appended.length / 2);
  });

  it('replays the stored answer to a keyed append whose key a group committed, and fails only that one', async () => {
    const key = `k-${randomUUID()}`;
    const id = stream();
    const [first, again] = await Promise.allSettled([
      store.append(id, [testEvent()], { expectedVersion: 'no_stream', idempotency: keyed(key) }),
      store.append(stream(), [testEvent()], { expectedVersion: 'no_stream', idempotency: keyed(key) }),
    ]);
    const answer = (first as PromiseFulfilledResult<{ streamVersion: number; position: string }>).value;
    const taken = (again as PromiseRejectedResult).reason as IdempotencyKeyTakenError;
    expect(taken).toBeInstanceOf(IdempotencyKeyTakenError);
    // the second waited for the next group, so it saw the first one's key committed, with its answer
    expect(taken.stored).toEqual({
      requestHash: 'h',
      response: { clientId: 'c-1', streamVersion: 1, position: answer.position },
    });

    // a repeat of the key in a group with others: only the repeat fails, the others commit together
    const others = [stream(), stream()];
    const events = others.map(() => testEvent());
    const results = await Promise.allSettled([
      store.append(others[0]!, [events[0]!], { expectedVersion: 'no_stream' }),
      store.append(id, [testEvent()], { expectedVersion: 1, idempotency: keyed(key) }),
      store.append(others[1]!, [events[1]!], {
        expectedVersion: 'no_stream',
        idempotency: keyed(randomUUID()),
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ name: 'IdempotencyKeyTakenError' });
    expect(await store.readStream(id)).toHaveLength(1);
    const tx = await transactionsOf(events.map((e) => e.metadata.eventId));
    expect([tx.size, new Set(tx.values()).size]).toEqual([2, 1]);
  });

  it('answers a repeat of a committed key with its stored answer even when the stream has moved on', async () => {
    const key = `k-${randomUUID()}`;
    const id = stream();
    const first = await store.append(id, [testEvent()], {
      expectedVersion: 'no_stream',
      idempotency: keyed(key),
    });
    // the repeat was decided on the stream before the first one: its expected version is stale
    const repeat = await store
      .append(id, [testEvent()], { expectedVersion: 'no_stream', idempotency: keyed(key) })
      .catch((error: unknown) => error);
    expect(repeat).toBeInstanceOf(IdempotencyKeyTakenError);
    expect((repeat as IdempotencyKeyTakenError).stored).toEqual({
      requestHash: 'h',
      response: { clientId: 'c-1', streamVersion: 1, position: first.position },
    });
    expect(await store.readStream(id)).toHaveLength(1);
  });

  it('appends under a key in one statement: key check, version check, events and key together', async () => {
    const counted = new Pool({ connectionString: db.url, max: 2 });
    const statements: string[] = [];
    const query = counted.query.bind(counted) as (...args: unknown[]) => Promise<unknown>;
    (counted as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = (...args) => {
      statements.push(String((args[0] as { name?: string }).name ?? args[0]));
      return query(...args);
    };
    try {
      const lone = new PostgresEventStore(counted);
      const key = `one-${randomUUID()}`;
      await lone.append(stream(), [testEvent()], { expectedVersion: 'no_stream', idempotency: keyed(key) });
      expect(statements).toEqual(['es_group_append']);
      expect(await lone.findIdempotentAnswer('444/ros-1', key)).toMatchObject({ requestHash: 'h' });
    } finally {
      await counted.end();
    }
  });
});
