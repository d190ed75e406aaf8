import { Pool } from 'pg';
import { ClientCommand, DomainError, clientStreamId, foldClient } from '@ledger/domain';
import { PostgresEventStore, ReadStreamOptions } from '@ledger/eventstore';
import { moscow } from '@ledger/domain/testing';
import { createTestDatabase, TestDatabase } from '@ledger/test-support';
import { ManualClock } from './clock';
import { ClientCommandService } from './client-command.service';

const MSK = (local: string) => new Date(`${local}+03:00`);
const ros = { id: 'ros-1', role: 'ROS' as const };

describe('ClientCommandService with cached states (a command reads only what its state lacks)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  const clock = new ManualClock(MSK('2026-03-10T10:00:00'));
  const service = (cachedStates: number) =>
    new ClientCommandService(store, clock, () => moscow, {}, cachedStates);
  const run = (s: ClientCommandService, clientId: string, command: ClientCommand) =>
    s.execute({ ric: '444', clientId, actor: ros, command });
  const register = (s: ClientCommandService, clientId: string) =>
    run(s, clientId, {
      type: 'RegisterClient',
      clientId,
      name: clientId,
      monthlyFee: 10000,
      category: 'B',
      kppId: 'kpp-1',
      pmId: 'pm-1',
      contactCadence: 'weekly',
      billingDay: 1,
    });
  const pay = (n: number): ClientCommand => ({
    type: 'RecordPayment',
    paymentId: `pay-${n}`,
    amount: 100,
    paidOn: '2026-03-10',
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

  it('decides on the state it holds without reading the stream: the append at its version verifies it', async () => {
    const cached = service(10);
    await register(cached, 'c-read');
    await run(cached, 'c-read', {
      type: 'IssueInvoice',
      invoiceId: 'i1',
      amount: 5000,
      issuedOn: '2026-03-01',
    });
    const reads: Array<ReadStreamOptions | undefined> = [];
    const readStream = store.readStream.bind(store);
    const spy = jest.spyOn(store, 'readStream').mockImplementation((id, options) => {
      reads.push(options);
      return readStream(id, options);
    });
    try {
      await run(cached, 'c-read', pay(1));
      await run(cached, 'c-read', pay(2));
    } finally {
      spy.mockRestore();
    }
    expect(reads).toEqual([]);
    const events = await store.readStream(clientStreamId('444', 'c-read'));
    expect(events.map((e) => [e.streamVersion, e.type])).toEqual([
      [1, 'ClientRegistered'],
      [2, 'InvoiceIssued'],
      [3, 'PaymentReceived'],
      [4, 'PaymentReceived'],
    ]);
  });

  it('reads what another process wrote once its append at the cached version fails', async () => {
    const here = service(10);
    const there = service(10);
    await register(here, 'c-stale');
    await run(here, 'c-stale', pay(1)); // `here` holds version 2
    await run(there, 'c-stale', pay(2)); // version 3, behind `here`'s back
    const reads: Array<ReadStreamOptions | undefined> = [];
    const readStream = store.readStream.bind(store);
    const spy = jest.spyOn(store, 'readStream').mockImplementation((id, options) => {
      reads.push(options);
      return readStream(id, options);
    });
    try {
      const answer = await run(here, 'c-stale', pay(3));
      expect(answer.streamVersion).toBe(4);
    } finally {
      spy.mockRestore();
    }
    // the state decided on gave its id maps to the decision: dropped, the stream is read whole
    expect(reads).toEqual([{}]);
  });

  it('keeps no trace of a command whose append failed', async () => {
    const here = service(10);
    await register(here, 'c-fail');
    await run(here, 'c-fail', pay(1));
    const spy = jest.spyOn(store, 'append').mockRejectedValueOnce(new Error('connection lost'));
    try {
      await expect(run(here, 'c-fail', pay(2))).rejects.toThrow('connection lost');
    } finally {
      spy.mockRestore();
    }
    // pay-2 was never appended: it is no duplicate now, and is one once recorded
    const answer = await run(here, 'c-fail', pay(2));
    expect(answer.streamVersion).toBe(3);
    await expect(run(here, 'c-fail', pay(2))).rejects.toMatchObject({ rule: 'payment_already_recorded' });
    const events = await store.readStream(clientStreamId('444', 'c-fail'));
    expect(events.map((e) => e.type)).toEqual(['ClientRegistered', 'PaymentReceived', 'PaymentReceived']);
  });

  it('catches up with another process that wrote meanwhile, and decides on the full state', async () => {
    const here = service(10);
    const there = service(10);
    await register(here, 'c-two');
    await run(here, 'c-two', pay(1)); // `here` now holds version 2
    await run(there, 'c-two', pay(2)); // written behind its back
    // a payment id the other process recorded is known here too
    await expect(run(here, 'c-two', pay(2))).rejects.toMatchObject({ rule: 'payment_already_recorded' });
    const answer = await run(here, 'c-two', pay(3));
    expect(answer.streamVersion).toBe(4);
    const events = await store.readStream(clientStreamId('444', 'c-two'));
    expect(events.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4]);
  });

  it('decides exactly as without a cache', async () => {
    const commands: ClientCommand[] = [
      { type: 'IssueInvoice', invoiceId: 'i1', amount: 15000, issuedOn: '2026-03-01' },
      { type: 'RecordPaymentPromise', promiseId: 'p1', promisedOn: '2026-03-20', remind: true },
      pay(1),
      { type: 'IssueInvoice', invoiceId: 'i2', amount: 14000, issuedOn: '2026-03-05' }, // 28 900: the ПМ's
      pay(2),
    ];
    const outcome = async (cachedStates: number, clientId: string) => {
      const s = service(cachedStates);
      await register(s, clientId);
      for (const command of commands) await run(s, clientId, command).catch((e: DomainError) => e.rule);
      const events = await store.readStream(clientStreamId('444', clientId));
      const state = foldClient(events);
      return {
        types: events.map((e) => e.type),
        responsible: state.status === 'registered' ? state.responsible : null,
      };
    };
    const plain = await outcome(0, 'c-plain');
    expect(plain.types).toContain('HandedOverToPM');
    expect(await outcome(10, 'c-cached')).toEqual(plain);
  });
});
