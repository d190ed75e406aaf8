import { randomUUID } from 'node:crypto';
import { jsonEvent } from '@kurrent/kurrentdb-client';
import { testEvent } from '../testing/event-store.contract';
import { RESERVED, Reservation } from './idempotency-markers';
import { InMemoryKurrentDb } from './in-memory-kurrentdb';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { idempotencyStream, toStreamState } from './mapping';

const HOUR = 3_600_000;

/** The KurrentDB key protocol where a writer dies half-way, against the in-memory model of the client. */
describe('KurrentDbEventStore idempotency keys (in-memory model of the client)', () => {
  let server: InMemoryKurrentDb;
  let store: KurrentDbEventStore;
  let clock: number;
  const scope = '444/ros-1';

  beforeEach(() => {
    server = new InMemoryKurrentDb();
    clock = Date.now();
    server.now = () => new Date(clock);
    store = new KurrentDbEventStore(server.asClient(), null, {
      idempotencyTtlMs: 48 * HOUR,
      reservationLeaseMs: 60_000,
      now: () => new Date(clock),
    });
  });

  /** What a writer leaves when it dies after claiming the key (and, if `write`, after its events). */
  async function dieAfterClaim(key: string, streamId: string, write: boolean) {
    const event = testEvent();
    const reservation: Reservation = {
      requestHash: 'h',
      response: { extra: 'x' },
      streamId,
      expectedVersion: 'no_stream',
      eventIds: [event.metadata.eventId],
    };
    await server
      .asClient()
      .appendToStream(
        idempotencyStream(scope, key),
        jsonEvent({ type: RESERVED, data: reservation as never }),
        {
          streamState: 'no_stream',
        },
      );
    if (!write) return null;
    return server.asClient().appendToStream(
      streamId,
      jsonEvent({
        id: event.metadata.eventId,
        type: event.type,
        data: {},
        metadata: event.metadata as never,
      }),
      { streamState: toStreamState('no_stream') as never },
    );
  }

  it('answers from the events when the writer died after writing them, and holds the key', async () => {
    const key = `k-${randomUUID()}`;
    const streamId = `client-444-${randomUUID()}`;
    const written = await dieAfterClaim(key, streamId, true);
    expect(await store.findIdempotentAnswer(scope, key)).toEqual({
      requestHash: 'h',
      response: { extra: 'x', streamVersion: 1, position: String(written!.position!.commit) },
    });
    clock += 2 * 60_000;
    await expect(
      store.append(`client-444-${randomUUID()}`, [testEvent()], {
        expectedVersion: 'no_stream',
        idempotency: { scope, key, requestHash: 'h', response: {} },
      }),
    ).rejects.toThrow(/idempotency key/);
  });

  it('holds a claim whose events are missing for a lease, then lets the key be used', async () => {
    const key = `k-${randomUUID()}`;
    const streamId = `client-444-${randomUUID()}`;
    await dieAfterClaim(key, streamId, false);
    const retry = () =>
      store.append(streamId, [testEvent()], {
        expectedVersion: 'no_stream',
        idempotency: { scope, key, requestHash: 'h', response: {} },
      });
    expect(await store.findIdempotentAnswer(scope, key)).toBeNull();
    await expect(retry()).rejects.toThrow(/idempotency key/);
    clock += 61_000;
    expect((await retry()).streamVersion).toBe(1);
    expect(await store.findIdempotentAnswer(scope, key)).toMatchObject({ requestHash: 'h' });
  });

  it('forgets a key after the TTL, and lets it be used again', async () => {
    const key = `k-${randomUUID()}`;
    const streamId = `client-444-${randomUUID()}`;
    const keyed = (requestHash: string) => ({
      expectedVersion: 'any' as const,
      idempotency: { scope, key, requestHash, response: {} },
    });
    await store.append(streamId, [testEvent()], keyed('h1'));
    clock += 47 * HOUR;
    expect(await store.findIdempotentAnswer(scope, key)).toMatchObject({ requestHash: 'h1' });
    await expect(store.append(streamId, [testEvent()], keyed('h2'))).rejects.toThrow(/idempotency key/);
    clock += 2 * HOUR;
    expect(await store.findIdempotentAnswer(scope, key)).toBeNull();
    const again = await store.append(streamId, [testEvent()], keyed('h2'));
    expect(again.streamVersion).toBe(2);
    expect(await store.findIdempotentAnswer(scope, key)).toMatchObject({ requestHash: 'h2' });
  });
});
