import { Pool } from 'pg';
import { ClientCommand, DomainError, clientStreamId, foldClient, toClientView } from '@ledger/domain';
import { PostgresEventStore } from '@ledger/eventstore';
import { moscow } from '@ledger/domain/testing';
import { createTestDatabase, TestDatabase } from '@ledger/test-support';
import { ManualClock } from './clock';
import { ClientCommandService } from './client-command.service';

const MSK = (local: string) => new Date(`${local}+03:00`);

describe('ClientCommandService (the command path on PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let clock: ManualClock;
  let service: ClientCommandService;
  const ros = { id: 'ros-1', role: 'ROS' as const };

  const run = (
    clientId: string,
    command: ClientCommand,
    actor: { id: string; role: 'ROS' | 'KPP' | 'PM' | 'SYSTEM' } = ros,
  ) => service.execute({ ric: '444', clientId, actor, command });
  const register = (clientId: string) =>
    run(clientId, {
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
  const stateOf = async (clientId: string) =>
    foldClient(await store.readStream(clientStreamId('444', clientId)));

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = db.pool({ max: 12 });
    store = new PostgresEventStore(pool);
    await store.migrate();
  });
  beforeEach(() => {
    clock = new ManualClock(MSK('2026-03-10T10:00:00'));
    service = new ClientCommandService(store, clock, () => moscow);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('retries a command that lost a race: ten payments at once on one client all land', async () => {
    await register('race-pay');
    await run('race-pay', { type: 'IssueInvoice', invoiceId: 'i', amount: 20000, issuedOn: '2026-03-01' });
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        run('race-pay', { type: 'RecordPayment', paymentId: `p${i}`, amount: 1000, paidOn: '2026-03-10' }),
      ),
    );
    expect(answers.map((a) => a.streamVersion).sort((a, b) => a - b)).toEqual([
      3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    expect(toClientView(await stateOf('race-pay'))).toMatchObject({ unpaid: 10000, debtMonths: 1 });
  });

  it('serialises commands on one client inside a process: fifty payments at once all land, versions contiguous', async () => {
    await register('queue-pay');
    const invoiced = await run('queue-pay', {
      type: 'IssueInvoice',
      invoiceId: 'i',
      amount: 100000,
      issuedOn: '2026-03-01',
    });
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        run('queue-pay', { type: 'RecordPayment', paymentId: `p${i}`, amount: 1000, paidOn: '2026-03-10' }),
      ),
    );
    // every payment is one event: fifty answers, one version each, right after the invoice
    expect(answers.map((a) => a.streamVersion).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => invoiced.streamVersion + i + 1),
    );
    const events = await store.readStream(clientStreamId('444', 'queue-pay'));
    expect(events.map((e) => e.streamVersion)).toEqual(
      Array.from({ length: events.length }, (_, i) => i + 1),
    );
    expect(events.filter((e) => e.type === 'PaymentReceived')).toHaveLength(50);
  });

  it('still retries, with backoff, against a writer in another process: two services, fifty payments through each', async () => {
    await register('two-writers');
    const invoiced = await run('two-writers', {
      type: 'IssueInvoice',
      invoiceId: 'i',
      amount: 200000,
      issuedOn: '2026-03-01',
    });
    // A second service over its own pool stands for another process: no queue is shared with it.
    const otherPool = new Pool({ connectionString: db.url, max: 12 });
    const other = new ClientCommandService(new PostgresEventStore(otherPool), clock, () => moscow);
    try {
      const pay = (via: ClientCommandService, i: number) =>
        via.execute({
          ric: '444',
          clientId: 'two-writers',
          actor: ros,
          command: { type: 'RecordPayment', paymentId: `p${i}`, amount: 1000, paidOn: '2026-03-10' },
        });
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) => pay(i % 2 === 0 ? service : other, i)),
      );
      expect(answers.map((a) => a.streamVersion).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 100 }, (_, i) => invoiced.streamVersion + i + 1),
      );
    } finally {
      await otherPool.end();
    }
  });

  it('lets a payment dated in time and the end-of-day deadline race, and ends with the promise kept either way', async () => {
    for (let round = 0; round < 6; round++) {
      const id = `race-deadline-${round}`;
      clock = new ManualClock(MSK('2026-03-10T10:00:00'));
      service = new ClientCommandService(store, clock, () => moscow);
      await register(id);
      await run(id, { type: 'IssueInvoice', invoiceId: 'i', amount: 15000, issuedOn: '2026-03-01' });
      await run(
        id,
        { type: 'RecordPaymentPromise', promiseId: 'p', promisedOn: '2026-03-20', remind: false },
        { id: 'kpp-1', role: 'KPP' },
      );
      clock.moveTo(MSK('2026-03-21T00:00:00'));
      await Promise.all([
        run(id, { type: 'FireDeadline', deadlineId: 'promise/p/due' }, { id: 'scheduler', role: 'SYSTEM' }),
        run(id, { type: 'RecordPayment', paymentId: 'pay', amount: 15000, paidOn: '2026-03-20' }),
      ]);
      const events = await store.readStream(clientStreamId('444', id));
      const types = events.map((e) => e.type);
      // either order is a true history; both end with the promise kept and nothing lost
      expect([
        ['PaymentReceived', 'PaymentPromiseKept', 'DeadlineCancelled'],
        ['DeadlineFired', 'PaymentPromiseBroken', 'PaymentReceived', 'PaymentPromiseBreachCorrected'],
      ]).toContainEqual(types.slice(4));
      expect(toClientView(await stateOf(id))).toMatchObject({ debtMonths: 0, brokenPromisesInRow: 0 });
    }
  });

  it('keeps Idempotency-Keys per caller: another user of the РИЦ with the same key and body gets an answer of their own', async () => {
    await register('two-users');
    await run('two-users', { type: 'IssueInvoice', invoiceId: 'i', amount: 20000, issuedOn: '2026-03-01' });
    const payment = { type: 'RecordPayment' as const, paymentId: 'p1', amount: 1000, paidOn: '2026-03-10' };
    const idempotency = { key: 'import-line-1', requestHash: 'same-body' };
    const send = (actorId: string) =>
      service.execute({
        ric: '444',
        clientId: 'two-users',
        actor: { id: actorId, role: 'ROS' },
        command: payment,
        idempotency,
      });
    const first = await send('ros-1');
    expect(first.appended).toBe(1);
    // the same user again: the first answer, nothing appended
    expect(await send('ros-1')).toEqual({ ...first, appended: 0 });
    // another user: decided on its own (the payment is there already), not handed ros-1's answer
    await expect(send('ros-2')).rejects.toMatchObject({ rule: 'payment_already_recorded' });
  });

  it('appends nothing for a refused command', async () => {
    await register('refused');
    const before = await store.readStream(clientStreamId('444', 'refused'));
    await expect(
      run(
        'refused',
        { type: 'RecordPaymentPromise', promiseId: 'p', promisedOn: '2026-03-20', remind: false },
        { id: 'kpp-9', role: 'KPP' },
      ),
    ).rejects.toThrow(DomainError);
    expect(await store.readStream(clientStreamId('444', 'refused'))).toEqual(before);
  });

  it('appends a command’s events and their consequences all together or not at all', async () => {
    await register('atomic');
    await run('atomic', { type: 'IssueInvoice', invoiceId: 'i', amount: 18000, issuedOn: '2026-03-01' });
    // the store fails on the way: nothing of the command is left behind
    const failing = new ClientCommandService(
      Object.assign(Object.create(store), {
        append: () => Promise.reject(new Error('connection lost')),
      }),
      clock,
      () => moscow,
    );
    await expect(
      failing.execute({
        ric: '444',
        clientId: 'atomic',
        actor: { id: 'kpp-1', role: 'KPP' },
        command: { type: 'RecordPaymentPromise', promiseId: 'p', promisedOn: '2026-04-05', remind: false },
      }),
    ).rejects.toThrow('connection lost');
    expect((await store.readStream(clientStreamId('444', 'atomic'))).map((e) => e.type)).toEqual([
      'ClientRegistered',
      'InvoiceIssued',
    ]);
    // done again, the promise and the handover it causes land in one append
    const answer = await run(
      'atomic',
      { type: 'RecordPaymentPromise', promiseId: 'p', promisedOn: '2026-04-05', remind: false },
      { id: 'kpp-1', role: 'KPP' },
    );
    const events = await store.readStream(clientStreamId('444', 'atomic'));
    expect(events.slice(2).map((e) => e.type)).toEqual([
      'PaymentPromiseRecorded',
      'DeadlineSet',
      'ThreatRaised',
      'HandedOverToPM',
    ]);
    // one command: one correlation; each consequence names the event it follows from
    const [recorded, ...consequences] = events.slice(2);
    expect(new Set(events.slice(2).map((e) => e.metadata.correlationId)).size).toBe(1);
    expect(recorded!.metadata.causationId).not.toBe(recorded!.metadata.eventId);
    for (const e of consequences) expect(e.metadata.causationId).toBe(recorded!.metadata.eventId);
    expect(answer.position).toBe(events[events.length - 1]!.position);
  });
});
