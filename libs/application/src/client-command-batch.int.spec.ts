import { Pool } from 'pg';
import { ClientCommand, DomainError, UsageObservation, clientStreamId } from '@ledger/domain';
import { randomUUID } from 'node:crypto';
import { EventStore, NewEvent, PostgresEventStore } from '@ledger/eventstore';
import { moscow } from '@ledger/domain/testing';
import { createTestDatabase, TestDatabase } from '@ledger/test-support';
import { ManualClock } from './clock';
import { ClientCommandService } from './client-command.service';
import { KeyedQueue } from './keyed-queue';
import type { ClientCommandEnvelope } from './client-command';

const MSK = (local: string) => new Date(`${local}+03:00`);
const ros = { id: 'ros-1', role: 'ROS' as const };

const week = (weekStart: string, logins?: number): UsageObservation => ({
  weekStart,
  ...(logins === undefined ? {} : { logins }),
  portalRequests: 1,
  hotlineRequests: 0,
  trainedShare: 0.5,
  webinars: 0,
  newsletterClicks: 0,
  videoClicks: 0,
  updatesInstalled: true,
  renewalPeriodStarted: false,
  unreturnedActs: 0,
  competitor: 'no',
});
const usage = (clientId: string, observation: UsageObservation): ClientCommandEnvelope => ({
  ric: '444',
  clientId,
  actor: ros,
  command: { type: 'RecordUsage', observation },
});

/** ADR 0045: a batch of commands on different clients, one read and one commit. */
describe('ClientCommandService.executeMany', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  const serviceOn = (on: EventStore) =>
    new ClientCommandService(on, new ManualClock(MSK('2026-03-10T10:00:00')), () => moscow);
  const register = (service: ClientCommandService, clientId: string) =>
    service.execute({
      ric: '444',
      clientId,
      actor: ros,
      command: {
        type: 'RegisterClient',
        clientId,
        name: clientId,
        monthlyFee: 10000,
        category: 'B',
        kppId: 'kpp-1',
        pmId: 'pm-1',
        contactCadence: 'weekly',
        billingDay: 1,
      } satisfies ClientCommand,
    });
  const transactionsOf = async (clientIds: string[], type: string) => {
    const { rows } = await pool.query(
      `SELECT DISTINCT transaction_id::text AS tx FROM es_events WHERE stream_id = ANY($1) AND type = $2`,
      [clientIds.map((id) => clientStreamId('444', id)), type],
    );
    return rows.length;
  };

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

  it('decides each command as execute would, answers refusals in place, and commits once', async () => {
    const service = serviceOn(store);
    for (const id of ['b1', 'b2', 'b3']) await register(service, id);
    await service.execute(usage('b3', week('2026-03-02', 4)));
    const answers = await service.executeMany([
      usage('b1', week('2026-03-02', 4)),
      usage('ghost', week('2026-03-02', 4)),
      usage('b2', week('2026-03-02')),
      usage('b3', week('2026-03-02', 4)), // the same week again: nothing to record
    ]);
    expect(answers[0]).toMatchObject({ streamVersion: 2, appended: 1 });
    expect(answers[1]).toBeInstanceOf(DomainError);
    expect((answers[1] as DomainError).rule).toBe('client_not_found');
    expect(answers[2]).toMatchObject({ streamVersion: 2, appended: 1 });
    expect(answers[3]).toMatchObject({ streamVersion: 2, appended: 0 });
    // b1 and b2 were written by one transaction: one commit for the batch
    expect(await transactionsOf(['b1', 'b2'], 'UsageObserved')).toBe(1);
    const b2 = await store.readStream(clientStreamId('444', 'b2'));
    expect(b2[1]!.data).not.toHaveProperty('logins');
    expect(await store.readStream(clientStreamId('444', 'ghost'))).toEqual([]);
  });

  it('decides again, one by one, a command whose client another process wrote meanwhile', async () => {
    const service = serviceOn(store);
    for (const id of ['r1', 'r2']) await register(service, id);
    // "another process": between the batch's read and its append, r1 gets an event of its own
    const racing: EventStore = Object.assign(Object.create(store) as PostgresEventStore, {
      readStreams: async (ids: string[]) => {
        const read = await store.readStreams(ids);
        await serviceOn(store).execute(usage('r1', week('2026-02-23', 1)));
        return read;
      },
    });
    const answers = await serviceOn(racing).executeMany([
      usage('r1', week('2026-03-02', 2)),
      usage('r2', week('2026-03-02', 2)),
    ]);
    expect(answers).toEqual([
      expect.objectContaining({ streamVersion: 3, appended: 1 }),
      expect.objectContaining({ streamVersion: 2, appended: 1 }),
    ]);
    const r1 = await store.readStream(clientStreamId('444', 'r1'));
    expect(r1.map((e) => [e.streamVersion, e.type])).toEqual([
      [1, 'ClientRegistered'],
      [2, 'UsageObserved'],
      [3, 'UsageObserved'],
    ]);
  });

  it('runs commands with an Idempotency-Key one by one, keeping their keys', async () => {
    const service = serviceOn(store);
    await register(service, 'k1');
    const keyed = {
      ...usage('k1', week('2026-03-02', 3)),
      idempotency: { key: 'import#0', requestHash: 'h' },
    };
    const [first] = await service.executeMany([keyed]);
    const [again] = await service.executeMany([keyed]);
    expect(first).toMatchObject({ appended: 1 });
    expect(again).toMatchObject({
      appended: 0,
      streamVersion: (first as { streamVersion: number }).streamVersion,
    });
  });
});

describe('PostgresEventStore.appendMany', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  const event = (n: number): NewEvent => ({
    type: 'BatchTest',
    data: { n },
    metadata: {
      eventId: randomUUID(),
      ric: '444',
      actor: ros,
      occurredAt: '2026-03-10T07:00:00.000Z',
      recordedAt: '2026-03-10T07:00:00.000Z',
      correlationId: 'c',
      causationId: 'c',
      schemaVersion: 1,
    },
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = db.pool({ max: 4 });
    store = new PostgresEventStore(pool);
    await store.migrate();
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('numbers each stream from its version, in batch order, and answers a moved stream with conflict', async () => {
    await store.append('s-old', [event(0)], { expectedVersion: 'no_stream' });
    const results = await store.appendMany([
      { streamId: 's-two', events: [event(1), event(2)], expectedVersion: 'no_stream' },
      { streamId: 's-old', events: [event(3)], expectedVersion: 'no_stream' }, // it is at 1
      { streamId: 's-one', events: [event(4)], expectedVersion: 'no_stream' },
    ]);
    expect(results).toEqual([
      { streamVersion: 2, position: expect.any(String) },
      'conflict',
      { streamVersion: 1, position: expect.any(String) },
    ]);
    const two = await store.readStream('s-two');
    const one = await store.readStream('s-one');
    expect(two.map((e) => [e.streamVersion, (e.data as { n: number }).n])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    const positions = [...two, ...one].map((e) => BigInt(e.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
    expect(await store.readStream('s-old')).toHaveLength(1);
    const streams = await store.readStreams(['s-two', 's-one', 'nothing']);
    expect([...streams.keys()].sort()).toEqual(['s-one', 's-two']);
  });
});

describe('KeyedQueue.runAll', () => {
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('starts after the earlier work of every key, and the keys’ later work waits for it', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      await tick();
      log.push(`end ${name}`);
    };
    await Promise.all([
      queue.run('a', task('a1')),
      queue.run('b', task('b1')),
      queue.runAll(['a', 'b', 'a'], task('ab')),
      queue.run('b', task('b2')),
      queue.run('c', task('c1')),
    ]);
    const at = (entry: string) => log.indexOf(entry);
    expect(at('start ab')).toBeGreaterThan(Math.max(at('end a1'), at('end b1')));
    expect(at('start b2')).toBeGreaterThan(at('end ab'));
    // another key runs alongside
    expect(at('start c1')).toBeLessThan(at('end ab'));
    expect(queue.size).toBe(0);
  });
});
