import { DatabaseError, Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '@ledger/test-support';
import { AppendResult, BatchRaceError, NewEvent, WrongExpectedVersionError } from '../event-store';
import { testEvent } from '../testing/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';

/** One append as its writer sent it, and what it was told. */
interface Attempt {
  by: 'many' | 'group';
  round: number;
  streamId: string;
  expected: number;
  events: NewEvent[];
  key?: string;
  told?:
    | { kind: 'appended'; result: AppendResult }
    | { kind: 'conflict'; actual?: number }
    | { kind: 'batch_race' };
}

const DEADLOCK_DETECTED = '40P01';
const UNIQUE_VIOLATION = '23505';
const ROUNDS = 30;
const SHARED = 120;

/** Notes the code of every error the server answers on this pool, even one the store recovers from. */
function recordServerErrors(pool: Pool, codes: string[]): void {
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  (pool as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = (...args) =>
    query(...args).catch((error: unknown) => {
      if (error instanceof DatabaseError && error.code) codes.push(error.code);
      throw error;
    });
}

/**
 * appendMany (a batch of commands) racing a group commit of another process on the same streams
 * (ADR 0065, update): both insert stream rows in stream order, so they wait for each other instead
 * of deadlocking — a group that lost the race is retried one append at a time, a batch that lost it
 * throws BatchRaceError and commits nothing.
 */
describe('PostgresEventStore appendMany against group commit of another process', () => {
  let db: TestDatabase;
  let batchPool: Pool;
  let groupPool: Pool;
  const serverErrors: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    // two store instances on two pools: two processes as far as the server can tell
    batchPool = db.pool({ max: 2 });
    groupPool = db.pool({ max: 4 });
    await new PostgresEventStore(batchPool).migrate();
    recordServerErrors(batchPool, serverErrors);
    recordServerErrors(groupPool, serverErrors);
  });
  afterAll(async () => {
    await batchPool.end();
    await groupPool.end();
    await db.drop();
  });

  it('never deadlocks, loses or duplicates nothing, and tells each conflict only to its own writer', async () => {
    const batcher = new PostgresEventStore(batchPool);
    const grouper = new PostgresEventStore(groupPool);
    // the batch lists the shared streams in the reverse of the group's (sorted) order: the order
    // that deadlocked when each statement inserted in its own order
    // many streams, so that the two statements' inserts overlap in time and not only their commits
    const shared = Array.from({ length: SHARED }, (_, n) => `race-s${String(n).padStart(3, '0')}`);
    const batchOnly = ['race-b1', 'race-b2'];
    const groupOnly = ['race-g1', 'race-g2', 'race-g3'];
    const attempts: Attempt[] = [];
    const unexpected: unknown[] = [];
    const versions = new Map<string, number>();

    for (let round = 0; round < ROUNDS; round++) {
      const attempt = (by: Attempt['by'], streamId: string, count: number): Attempt => {
        const events = Array.from({ length: count }, (_, n) => testEvent('Raced', { by, round, n }));
        const a: Attempt = { by, round, streamId, expected: versions.get(streamId) ?? 0, events };
        attempts.push(a);
        return a;
      };
      const batch = [...[...shared].reverse(), ...batchOnly].map((id) => attempt('many', id, 2));
      const group = [...shared, ...groupOnly].map((id) => attempt('group', id, 1));
      // half the rounds the group carries idempotency keys (the keyed group statement), half not
      if (Math.floor(round / 2) % 2)
        group.forEach((a, k) => k % 3 === 0 && (a.key = `race-${round}-${a.streamId}`));
      const expectedVersion = (a: Attempt) => (a.expected === 0 ? ('no_stream' as const) : a.expected);

      const runBatch = async () => {
        // every other round the batch starts a turn later, so each side is sometimes first in
        if (round % 2) await new Promise((r) => setImmediate(r));
        try {
          const results = await batcher.appendMany(
            batch.map((a) => ({
              streamId: a.streamId,
              events: a.events,
              expectedVersion: expectedVersion(a),
            })),
          );
          results.forEach((r, k) => {
            batch[k]!.told = r === 'conflict' ? { kind: 'conflict' } : { kind: 'appended', result: r };
          });
        } catch (error) {
          if (!(error instanceof BatchRaceError)) unexpected.push(error);
          for (const a of batch) a.told = { kind: 'batch_race' };
        }
      };
      const runGroup = () =>
        Promise.all(
          group.map(async (a) => {
            try {
              const result = await grouper.append(a.streamId, a.events, {
                expectedVersion: expectedVersion(a),
                ...(a.key
                  ? { idempotency: { scope: '444/race', key: a.key, requestHash: 'h', response: {} } }
                  : {}),
              });
              a.told = { kind: 'appended', result };
            } catch (error) {
              if (error instanceof WrongExpectedVersionError)
                a.told = { kind: 'conflict', actual: error.actual };
              else unexpected.push(error);
            }
          }),
        );
      await Promise.all([runBatch(), runGroup()]);

      const { rows } = await groupPool.query<{ stream_id: string; version: number }>(
        'SELECT stream_id, max(stream_version) AS version FROM es_events GROUP BY stream_id',
      );
      for (const r of rows) versions.set(r.stream_id, r.version);
    }

    expect(unexpected).toEqual([]);
    expect(serverErrors.filter((code) => code === DEADLOCK_DETECTED)).toEqual([]);
    // the two sides did meet inside each other's statements (else this proves nothing about locks)
    expect(serverErrors.filter((code) => code === UNIQUE_VIOLATION).length).toBeGreaterThan(0);

    const stored = await new PostgresEventStore(groupPool).readStreams([
      ...shared,
      ...batchOnly,
      ...groupOnly,
    ]);
    for (const [streamId, events] of stored) {
      // gapless versions, and exactly the events of the appends told "appended", each once, in place
      expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, n) => n + 1));
      const appended = attempts.filter((a) => a.streamId === streamId && a.told?.kind === 'appended');
      expect(events.map((e) => e.metadata.eventId).sort()).toEqual(
        appended.flatMap((a) => a.events.map((e) => e.metadata.eventId)).sort(),
      );
      for (const a of appended) {
        const mine = events.slice(a.expected, a.expected + a.events.length);
        expect(mine.map((e) => e.metadata.eventId)).toEqual(a.events.map((e) => e.metadata.eventId));
        expect(a.told).toEqual({
          kind: 'appended',
          result: { streamVersion: a.expected + a.events.length, position: mine[mine.length - 1]!.position },
        });
      }
    }
    expect(new Set(attempts.map((a) => a.told?.kind))).toEqual(
      new Set(['appended', 'conflict', 'batch_race']),
    );

    for (const a of attempts.filter((x) => x.told?.kind === 'conflict')) {
      // a conflict is told only where the other writer took that stream's next version in that round
      expect(shared).toContain(a.streamId);
      const winner = attempts.find(
        (w) =>
          w.streamId === a.streamId && w.round === a.round && w.by !== a.by && w.told?.kind === 'appended',
      );
      expect(winner).toBeDefined();
      if (a.told?.kind === 'conflict' && a.told.actual !== undefined)
        expect(a.told.actual).toBe(a.expected + winner!.events.length);
    }
    // a key is recorded with its append's answer, and only when the append went in
    const keyed = attempts.filter((a) => a.key);
    expect(keyed.length).toBeGreaterThan(0);
    for (const a of keyed) {
      const stored = await grouper.findIdempotentAnswer('444/race', a.key!);
      if (a.told?.kind === 'appended') expect(stored?.response).toEqual(a.told.result);
      else expect(stored).toBeNull();
    }
    // the group's streams of its own never failed for another append's conflict
    expect(
      attempts.filter((a) => groupOnly.includes(a.streamId)).every((a) => a.told?.kind === 'appended'),
    ).toBe(true);
    // the batch's own streams fail only with the whole batch (BatchRaceError: nothing committed)
    for (const a of attempts.filter((x) => batchOnly.includes(x.streamId)))
      expect(['appended', 'batch_race']).toContain(a.told?.kind);
  });
});
