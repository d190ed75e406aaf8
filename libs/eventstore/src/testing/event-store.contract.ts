import { randomUUID } from 'node:crypto';
import {
  EventStore,
  IdempotencyKeyTakenError,
  NewEvent,
  RecordedEvent,
  WrongExpectedVersionError,
} from '../event-store';

/** A plain event for store tests; the store does not care what it means. */
export const testEvent = (type = 'Something', data: unknown = {}, recordedAt = new Date()): NewEvent => ({
  type,
  data,
  metadata: {
    eventId: randomUUID(),
    ric: '444',
    actor: { id: 'tester', role: 'ADMIN' },
    occurredAt: recordedAt.toISOString(),
    recordedAt: recordedAt.toISOString(),
    correlationId: randomUUID(),
    causationId: randomUUID(),
    schemaVersion: 1,
  },
});

/**
 * Reads the log until the reader has passed everything committed when it started. An empty page is
 * not the end: a transaction elsewhere in the cluster may still hide newer events for a moment.
 */
export async function readWholeLog(store: EventStore, batch = 1000): Promise<RecordedEvent[]> {
  const head = await store.headPosition();
  const all: RecordedEvent[] = [];
  let cursor: string | null = null;
  while (head !== null && !(await store.hasReached(cursor, head))) {
    const page = await store.readAll(cursor, batch);
    all.push(...page.events);
    cursor = page.cursor;
    if (page.events.length === 0) await new Promise((r) => setTimeout(r, 5));
  }
  return all;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Reads on until the reader has passed `position`; answers the cursor. */
async function readUntil(store: EventStore, position: string): Promise<string | null> {
  let cursor: string | null = null;
  for (let tries = 0; !(await store.hasReached(cursor, position)); tries++) {
    if (tries > 2000) throw new Error(`the log never reached ${position}`);
    const page = await store.readAll(cursor, 10);
    cursor = page.cursor;
    if (page.events.length === 0) await new Promise((r) => setTimeout(r, 5));
  }
  return cursor;
}

/**
 * The behaviour every EventStore adapter must show. `open` gives a store over an empty log.
 */
export function eventStoreContract(open: () => Promise<EventStore>): void {
  let store: EventStore;
  const stream = () => `client-444-${randomUUID()}`;

  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store.close();
  });

  describe('append and read a stream', () => {
    it('numbers a new stream from 1 and reads it back in order', async () => {
      const id = stream();
      const result = await store.append(id, [testEvent('A', { n: 1 }), testEvent('B', { n: 2 })], {
        expectedVersion: 'no_stream',
      });
      expect(result.streamVersion).toBe(2);
      expect(result.position).toMatch(/^\d+$/);

      const events = await store.readStream(id);
      expect(events.map((e) => [e.type, e.streamVersion, e.data])).toEqual([
        ['A', 1, { n: 1 }],
        ['B', 2, { n: 2 }],
      ]);
      expect(events[1]!.position).toBe(result.position);
      expect(events[0]!.metadata.ric).toBe('444');
    });

    it('reads an unknown stream as empty', async () => {
      expect(await store.readStream(stream())).toEqual([]);
    });

    it('reads a stream up to a version and up to a recording instant', async () => {
      const id = stream();
      await store.append(id, [testEvent('A', {}, new Date('2026-03-01T10:00:00Z'))], {
        expectedVersion: 'no_stream',
      });
      await store.append(id, [testEvent('B', {}, new Date('2026-03-02T10:00:00Z'))], { expectedVersion: 1 });
      await store.append(id, [testEvent('C', {}, new Date('2026-03-03T10:00:00Z'))], { expectedVersion: 2 });

      expect((await store.readStream(id, { toVersion: 2 })).map((e) => e.type)).toEqual(['A', 'B']);
      expect(
        (await store.readStream(id, { until: new Date('2026-03-02T10:00:00Z') })).map((e) => e.type),
      ).toEqual(['A', 'B']);
      expect(
        (await store.readStream(id, { until: new Date('2026-03-02T09:59:59Z') })).map((e) => e.type),
      ).toEqual(['A']);
    });

    it('reads a stream from a version on (what a cached state lacks)', async () => {
      const id = stream();
      await store.append(id, [testEvent('A', {}), testEvent('B', {})], { expectedVersion: 'no_stream' });
      await store.append(id, [testEvent('C', {})], { expectedVersion: 2 });
      expect((await store.readStream(id, { fromVersion: 2 })).map((e) => [e.type, e.streamVersion])).toEqual([
        ['B', 2],
        ['C', 3],
      ]);
      expect(await store.readStream(id, { fromVersion: 4 })).toEqual([]);
      expect((await store.readStream(id, { fromVersion: 1, toVersion: 1 })).map((e) => e.type)).toEqual([
        'A',
      ]);
    });
  });

  describe('expected version', () => {
    it('refuses no_stream on an existing stream and appends nothing', async () => {
      const id = stream();
      await store.append(id, [testEvent()], { expectedVersion: 'no_stream' });
      await expect(store.append(id, [testEvent()], { expectedVersion: 'no_stream' })).rejects.toBeInstanceOf(
        WrongExpectedVersionError,
      );
      expect(await store.readStream(id)).toHaveLength(1);
    });

    it('refuses an exact version that is behind or ahead, naming the actual one', async () => {
      const id = stream();
      await store.append(id, [testEvent(), testEvent()], { expectedVersion: 'no_stream' });
      for (const expected of [1, 3]) {
        const error = await store
          .append(id, [testEvent()], { expectedVersion: expected })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect((error as WrongExpectedVersionError).actual).toBe(2);
      }
      expect(await store.readStream(id)).toHaveLength(2);
    });

    it('appends at the exact version and with any', async () => {
      const id = stream();
      await store.append(id, [testEvent()], { expectedVersion: 'any' });
      const second = await store.append(id, [testEvent()], { expectedVersion: 1 });
      const third = await store.append(id, [testEvent()], { expectedVersion: 'any' });
      expect([second.streamVersion, third.streamVersion]).toEqual([2, 3]);
    });

    it('lets exactly one of two racing writers at the same version win', async () => {
      const id = stream();
      await store.append(id, [testEvent()], { expectedVersion: 'no_stream' });
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, () => store.append(id, [testEvent()], { expectedVersion: 1 })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r) => r.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
      }
      expect(await store.readStream(id)).toHaveLength(2);
    });
  });

  describe('global log', () => {
    it('reads every event once, in batches, in append order for one writer', async () => {
      const ids = [stream(), stream()];
      for (let i = 0; i < 7; i++) {
        await store.append(ids[i % 2]!, [testEvent('E', { i })], { expectedVersion: 'any' });
      }
      const seen = (await readWholeLog(store, 3)).map((e) => (e.data as { i: number }).i);
      expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
    });

    it('knows when a cursor has passed a position', async () => {
      const id = stream();
      const first = await store.append(id, [testEvent()], { expectedVersion: 'any' });
      const cursor = await readUntil(store, first.position);
      const second = await store.append(id, [testEvent()], { expectedVersion: 'any' });
      expect(await store.hasReached(cursor, first.position)).toBe(true);
      expect(await store.hasReached(cursor, second.position)).toBe(false);
      expect(await store.hasReached(null, first.position)).toBe(false);
      expect(await store.headPosition()).toBe(second.position);
      await readUntil(store, second.position);
      expect(await store.hasReached(await store.headCursor(), second.position)).toBe(true);
    });

    it('has not reached a command’s position while it has read only part of the command’s events', async () => {
      const id = stream();
      const before = await store.append(id, [testEvent()], { expectedVersion: 'no_stream' });
      let cursor = await readUntil(store, before.position);
      const command = await store.append(id, [testEvent('A'), testEvent('B'), testEvent('C')], {
        expectedVersion: 1,
      });
      const seen: string[] = [];
      for (let reads = 0; seen.length < 3; reads++) {
        if (reads > 2000) throw new Error('the command’s events never became visible');
        const page = await store.readAll(cursor, 1);
        if (page.events.length === 0) {
          await pause();
          continue;
        }
        seen.push(page.events[0]!.type);
        cursor = page.cursor;
        // read-your-writes must not answer with half a command projected
        expect([seen.length, await store.hasReached(cursor, command.position)]).toEqual([
          seen.length,
          seen.length === 3,
        ]);
      }
      expect(seen).toEqual(['A', 'B', 'C']);
    });

    it('reads one event at a time across keyed appends, and an empty batch leaves the cursor where it was', async () => {
      const first = await store.append(stream(), [testEvent('E', { i: 0 })], {
        expectedVersion: 'no_stream',
      });
      let cursor = await readUntil(store, first.position);
      for (let i = 1; i <= 4; i++) {
        await store.append(stream(), [testEvent('E', { i })], {
          expectedVersion: 'no_stream',
          idempotency: { scope: '444/tester', key: `k-${randomUUID()}`, requestHash: 'h', response: {} },
        });
      }
      const seen: number[] = [];
      for (let reads = 0; seen.length < 4; reads++) {
        if (reads > 2000) throw new Error(`the reader stopped making progress after ${seen.join(', ')}`);
        const page = await store.readAll(cursor, 1);
        if (page.events.length === 0) {
          // nothing new for this reader: it must stand where it stood, or a checkpoint would skip
          expect(page.cursor).toBe(cursor);
          await pause();
          continue;
        }
        seen.push((page.events[0]!.data as { i: number }).i);
        cursor = page.cursor;
      }
      expect(seen).toEqual([1, 2, 3, 4]);
      expect(await store.readAll(cursor, 1)).toEqual({ events: [], cursor });
    });

    it('never lets a reader pass an event that commits later (8 concurrent writers)', async () => {
      const writers = 8;
      const perWriter = 60;
      const seen = new Map<string, number>();
      let cursor: string | null = null;
      let writing = true;

      const reader = (async () => {
        for (;;) {
          // Once the writers are done, read on until the head they left is passed.
          const head = writing ? null : await store.headPosition();
          const batch = await store.readAll(cursor, 50);
          for (const e of batch.events) seen.set(e.metadata.eventId, (seen.get(e.metadata.eventId) ?? 0) + 1);
          cursor = batch.cursor;
          if (head !== null && (await store.hasReached(cursor, head))) return;
        }
      })();

      const appended: string[] = [];
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; i < perWriter; i++) {
            const event = testEvent('E', { w, i });
            appended.push(event.metadata.eventId);
            await store.append(`${stream()}-${w}`, [event], { expectedVersion: 'no_stream' });
          }
        }),
      );
      writing = false;
      await reader;

      expect(appended).toHaveLength(writers * perWriter);
      expect([...seen.keys()].sort()).toEqual([...appended].sort());
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
    });
  });

  describe('idempotency', () => {
    it('records the answer with the events, and refuses the same key twice', async () => {
      const id = stream();
      const idempotency = {
        scope: '444',
        key: `k-${randomUUID()}`,
        requestHash: 'h1',
        response: { extra: 'x' },
      };
      const result = await store.append(id, [testEvent()], { expectedVersion: 'any', idempotency });
      expect(await store.findIdempotentAnswer('444', idempotency.key)).toEqual({
        requestHash: 'h1',
        response: { extra: 'x', streamVersion: result.streamVersion, position: result.position },
      });
      await expect(
        store.append(id, [testEvent()], {
          expectedVersion: 'any',
          idempotency: { ...idempotency, requestHash: 'h2' },
        }),
      ).rejects.toThrow(/idempotency key/);
      expect(await store.readStream(id)).toHaveLength(1);
      expect(await store.findIdempotentAnswer('445', idempotency.key)).toBeNull();
    });

    it('leaves the key free when the append is refused for its expected version', async () => {
      const id = stream();
      const idempotency = { scope: '444/tester', key: `k-${randomUUID()}`, requestHash: 'h', response: {} };
      await expect(
        store.append(id, [testEvent()], { expectedVersion: 3, idempotency }),
      ).rejects.toBeInstanceOf(WrongExpectedVersionError);
      expect(await store.findIdempotentAnswer('444/tester', idempotency.key)).toBeNull();
      const retried = await store.append(id, [testEvent()], { expectedVersion: 'no_stream', idempotency });
      expect(retried.streamVersion).toBe(1);
      expect(await store.findIdempotentAnswer('444/tester', idempotency.key)).toMatchObject({
        requestHash: 'h',
      });
    });

    it('lets exactly one of several racing appends under one key commit anything', async () => {
      const key = `race-${randomUUID()}`;
      const ids = Array.from({ length: 5 }, () => stream());
      const results = await Promise.allSettled(
        ids.map((id, n) =>
          store.append(id, [testEvent('E', { n })], {
            expectedVersion: 'no_stream',
            idempotency: { scope: '444/tester', key, requestHash: 'h', response: {} },
          }),
        ),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const r of results.filter((r) => r.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyKeyTakenError);
      }
      const written = (await Promise.all(ids.map((id) => store.readStream(id)))).flat();
      expect(written).toHaveLength(1);
      const answer = (won[0] as PromiseFulfilledResult<{ streamVersion: number; position: string }>).value;
      expect(await store.findIdempotentAnswer('444/tester', key)).toEqual({
        requestHash: 'h',
        response: { streamVersion: answer.streamVersion, position: answer.position },
      });
    });
  });
}
