import { TestLedger, startTestLedger } from '@ledger/test-support';
import { MSK, moveClock, registerClient } from '../testing/steps';

/** SPEC §3.2 over HTTP with the manual clock: what a КПП, a ПМ and an auditor see. */
describe('receivables over HTTP (manual clock)', () => {
  let ledger: TestLedger;
  const ros = () => ledger.auth('ros-1', 'ROS');
  const admin = () => ledger.auth('admin-1', 'ADMIN');
  const kpp = () => ledger.auth('kpp-1', 'KPP');
  const pm = () => ledger.auth('pm-1', 'PM');

  const clock = (local: string) => moveClock(ledger, local);
  const card = async (clientId: string, minPosition?: string) =>
    (
      await ledger
        .http()
        .get(`/api/v1/clients/${clientId}${minPosition ? `?minPosition=${minPosition}` : ''}`)
        .set(ros())
        .expect(200)
    ).body;
  const history = async (clientId: string) =>
    (await ledger.http().get(`/api/v1/clients/${clientId}/history`).set(ros()).expect(200)).body
      .events as Array<{
      type: string;
      data: Record<string, unknown>;
      metadata: { rule?: string; evidence?: string[]; eventId: string; recordedAt: string };
    }>;
  const invoice = (clientId: string, invoiceId: string, amount: number, issuedOn: string) =>
    ledger
      .http()
      .post(`/api/v1/clients/${clientId}/invoices`)
      .set(ros())
      .send({ invoiceId, amount, issuedOn })
      .expect(201);

  /** Example 1 [SPEC §3.2] up to 10 March: 15 000 unpaid, a promise for 20 March with a reminder. */
  const exampleOneUpToPromise = async () => {
    await registerClient(ledger, 'ex1');
    await invoice('ex1', 'i1', 15000, '2026-03-01');
    await clock('2026-03-10T10:00:00');
    const promise = await ledger
      .http()
      .post('/api/v1/clients/ex1/payment-promises')
      .set(kpp())
      .send({ promisedOn: '2026-03-20', remind: true })
      .expect(201);
    return promise.body as { promiseId: string; streamVersion: number; position: string };
  };

  /** Example 1 from 23 March: a second promise, for 27 March, broken too; answers the position reached. */
  const exampleOneSecondPromiseBroken = async () => {
    await clock('2026-03-23T11:00:00');
    await ledger
      .http()
      .post('/api/v1/clients/ex1/payment-promises')
      .set(kpp())
      .send({ promisedOn: '2026-03-27', remind: false })
      .expect(201);
    return clock('2026-03-28T09:00:00');
  };

  /** Example 1 whole: the clock stops where the test of example 1 looks, then the handover. */
  const exampleOne = async () => {
    await exampleOneUpToPromise();
    await clock('2026-03-19T08:00:00');
    await clock('2026-03-21T09:00:00');
    return exampleOneSecondPromiseBroken();
  };

  /** Example 3 [SPEC §3.2] up to March: 2.8 months reached, with the ПМ; answers the March invoice's position. */
  const exampleThreeWithPmSinceMarch = async () => {
    await registerClient(ledger, 'ex3');
    await invoice('ex3', 'feb', 18000, '2026-02-01');
    const mar = await invoice('ex3', 'mar', 10000, '2026-03-01');
    return mar.body.position as string;
  };

  /** Example 3 on 1 April: the April invoice, and the ПМ's promise for 10 April. */
  const exampleThreeAprilPromise = async () => {
    await clock('2026-04-01T08:00:00');
    await invoice('ex3', 'apr', 10000, '2026-04-01');
    await ledger
      .http()
      .post('/api/v1/clients/ex3/payment-promises')
      .set(pm())
      .send({ promisedOn: '2026-04-10', amount: 10000, remind: false })
      .expect(201);
  };

  /** Example 3 from 10 April: April and May paid on their agreed dates; answers the last payment's position. */
  const exampleThreeAprilAndMayPaid = async () => {
    await clock('2026-04-10T12:00:00');
    await ledger
      .http()
      .post('/api/v1/clients/ex3/payments')
      .set(pm())
      .send({ paymentId: 'pa', amount: 10000, paidOn: '2026-04-10' })
      .expect(201);
    await clock('2026-05-01T08:00:00');
    await invoice('ex3', 'may', 10000, '2026-05-01');
    await ledger
      .http()
      .post('/api/v1/clients/ex3/payment-promises')
      .set(pm())
      .send({ promisedOn: '2026-05-15', amount: 28000, remind: false })
      .expect(201);
    await clock('2026-05-15T12:00:00');
    const paid = await ledger
      .http()
      .post('/api/v1/clients/ex3/payments')
      .set(pm())
      .send({ paymentId: 'pm', amount: 28000, paidOn: '2026-05-15' })
      .expect(201);
    return paid.body.position as string;
  };

  /** Example 3 whole: with the ПМ from March, back to the КПП on the May payment. */
  const exampleThree = async () => {
    await exampleThreeWithPmSinceMarch();
    await exampleThreeAprilPromise();
    return exampleThreeAprilAndMayPaid();
  };

  describe('worked examples: each test on its own ledger, as it moves the clock', () => {
    // the clock only moves forwards: each test starts its own ledger at 1 March 2026, 09:00
    beforeEach(async () => {
      ledger = await startTestLedger({ clockStart: MSK('2026-03-01T09:00:00') });
    });
    afterEach(async () => {
      await ledger.close();
    });

    it('example 1: reminder on 19 March, broken on 20th, follow-up by 24th, second break hands over', async () => {
      const promise = await exampleOneUpToPromise();
      expect(promise).toEqual({
        promiseId: expect.any(String),
        streamVersion: 5,
        position: expect.stringMatching(/^\d+$/),
      });
      expect(await card('ex1', promise.position)).toMatchObject({
        debtMonths: 1.5,
        responsible: { role: 'KPP', employeeId: 'kpp-1' },
        openPromise: { promiseId: promise.promiseId, promisedOn: '2026-03-20', remind: true },
      });

      // the planner on the 19th shows the reminder call; not before
      const before = await ledger
        .http()
        .get('/api/v1/queues/kpp/kpp-1?date=2026-03-18')
        .set(kpp())
        .expect(200);
      expect(before.body.items).toEqual([]);
      await clock('2026-03-19T08:00:00');
      const on19 = await ledger.http().get('/api/v1/queues/kpp/kpp-1?date=2026-03-19').set(kpp()).expect(200);
      expect(on19.body.items).toEqual([
        expect.objectContaining({
          clientId: 'ex1',
          kind: 'payment_reminder',
          dueAt: MSK('2026-03-19T00:00:00'),
          promiseId: promise.promiseId,
        }),
      ]);

      await clock('2026-03-21T09:00:00');
      expect(await card('ex1')).toMatchObject({
        brokenPromisesInRow: 1,
        openPromise: null,
        responsible: { role: 'KPP' },
      });
      const followUp = await ledger
        .http()
        .get('/api/v1/queues/kpp/kpp-1?date=2026-03-23')
        .set(kpp())
        .expect(200);
      expect(followUp.body.items).toEqual([
        expect.objectContaining({
          clientId: 'ex1',
          kind: 'payment_follow_up',
          dueAt: MSK('2026-03-25T00:00:00'),
          followUpDueOn: '2026-03-24',
        }),
      ]);

      const moved = await exampleOneSecondPromiseBroken();
      const handedOver = await card('ex1', moved);
      expect(handedOver).toMatchObject({
        responsible: { role: 'PM', employeeId: 'pm-1' },
        brokenPromisesInRow: 2,
        openThreats: [{ type: 'broken_promises_twice' }],
      });
      const events = await history('ex1');
      const handover = events.find((e) => e.type === 'HandedOverToPM')!;
      expect(handover.data).toMatchObject({
        reason: 'broken_promises_twice',
        sheet: { unpaid: 15000, debtMonths: 1.5 },
      });
      expect(handover.metadata.rule).toBe('receivables.broken_promises_twice');
      expect(handover.metadata.evidence).toEqual(
        events.filter((e) => e.type === 'PaymentPromiseBroken').map((e) => e.metadata.eventId),
      );

      const queue = await ledger.http().get('/api/v1/queues/pm/pm-1').set(pm()).expect(200);
      expect(queue.body.items).toEqual([
        expect.objectContaining({ clientId: 'ex1', kind: 'threat', reason: 'broken_promises_twice' }),
      ]);
      const kppPlanner = await ledger
        .http()
        .get('/api/v1/queues/kpp/kpp-1?date=2026-03-28')
        .set(kpp())
        .expect(200);
      expect(kppPlanner.body.items).toEqual([]);
    });

    it('example 3: back to the КПП on the May payment', async () => {
      const mar = await exampleThreeWithPmSinceMarch();
      expect(await card('ex3', mar)).toMatchObject({
        debtMonths: 2.8,
        responsible: { role: 'PM' },
        openThreats: [{ type: 'debt_limit_reached' }],
      });

      await exampleThreeAprilPromise();
      // the КПП no longer answers for it
      await ledger
        .http()
        .post('/api/v1/clients/ex3/payment-promises')
        .set(kpp())
        .send({ promisedOn: '2026-04-10', remind: false })
        .expect(403);
      const paid = await exampleThreeAprilAndMayPaid();
      expect(await card('ex3', paid)).toMatchObject({
        debtMonths: 1,
        onTimeMonthsInRow: 2,
        responsible: { role: 'KPP', employeeId: 'kpp-1' },
        openThreats: [],
      });
    });

    it('replays the same responsibility at every instant as the live card showed', async () => {
      await exampleThree();
      const events = await history('ex3');
      // The role after the last event recorded at each instant (one command's events share it).
      const live: Array<{ at: string; role: string }> = [];
      let role = 'KPP';
      for (const e of events) {
        if (e.type === 'HandedOverToPM') role = 'PM';
        if (e.type === 'ReturnedToKPP') role = 'KPP';
        if (live[live.length - 1]?.at === e.metadata.recordedAt) live.pop();
        live.push({ at: e.metadata.recordedAt, role });
      }
      expect(new Set(live.map((p) => p.role))).toEqual(new Set(['KPP', 'PM']));
      for (const point of live) {
        const state = await ledger
          .http()
          .get(`/api/v1/clients/ex3/state?at=${encodeURIComponent(point.at)}`)
          .set(ros())
          .expect(200);
        expect({ at: point.at, role: state.body.responsible.role }).toEqual(point);
      }
    });

    it('answers the receivables register as JSON and CSV', async () => {
      await exampleOne();
      await exampleThree();
      const json = await ledger
        .http()
        .get('/api/v1/reports/receivables')
        .set(ledger.auth('an-1', 'ANALYST'))
        .expect(200);
      expect(json.body.rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            clientId: 'ex1',
            responsibleRole: 'PM',
            debtMonths: 1.5,
            promiseStatus: 'broken',
            brokenPromisesInRow: 2,
          }),
          expect.objectContaining({
            clientId: 'ex3',
            responsibleRole: 'KPP',
            debtMonths: 1,
            onTimeMonthsInRow: 2,
            promiseStatus: 'kept',
          }),
        ]),
      );
      const csv = await ledger
        .http()
        .get('/api/v1/reports/receivables?format=csv&employeeId=kpp-1')
        .set(ros())
        .expect(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      const [header, ...lines] = csv.text.trim().split('\n');
      expect(header).toContain('clientId,name,responsibleRole,responsibleId');
      expect(lines.some((l) => l.startsWith('ex3,'))).toBe(true);
      expect(lines.some((l) => l.startsWith('ex1,'))).toBe(false);
      await ledger.http().get('/api/v1/reports/receivables?from=2026-13-01').set(ros()).expect(400);
    });
  });

  describe('one ledger at 1 March 2026, each test with its own client', () => {
    // these tests leave the clock at 1 March 2026, 09:00
    beforeAll(async () => {
      ledger = await startTestLedger({ clockStart: MSK('2026-03-01T09:00:00') });
    });
    afterAll(async () => {
      await ledger.close();
    });

    it('example 2: a promise beyond the limit hands over at once', async () => {
      await registerClient(ledger, 'ex2');
      await ledger
        .http()
        .post('/api/v1/clients/ex2/invoices')
        .set(ros())
        .send({ invoiceId: 'i1', amount: 18000, issuedOn: '2026-03-01' })
        .expect(201);
      const res = await ledger
        .http()
        .post('/api/v1/clients/ex2/payment-promises')
        .set(kpp())
        .send({ promisedOn: '2026-04-05', remind: false })
        .expect(201);
      expect(await card('ex2', res.body.position)).toMatchObject({
        responsible: { role: 'PM' },
        openThreats: [{ type: 'promise_beyond_limit' }],
      });
    });

    it('checks who may write: roles, responsibility, РИЦ', async () => {
      await registerClient(ledger, 'perm');
      const invoice = { invoiceId: 'i1', amount: 1000, issuedOn: '2026-03-01' };
      for (const role of ['KPP', 'PM', 'RKPP', 'ANALYST'] as const) {
        await ledger
          .http()
          .post('/api/v1/clients/perm/invoices')
          .set(ledger.auth('x', role))
          .send(invoice)
          .expect(403);
      }
      await ledger.http().post('/api/v1/clients/perm/invoices').set(admin()).send(invoice).expect(201);
      const promise = { promiseId: 'ignored', promisedOn: '2026-06-20', remind: false };
      await ledger
        .http()
        .post('/api/v1/clients/perm/payment-promises')
        .set(ledger.auth('kpp-2', 'KPP'))
        .send(promise)
        .expect(403);
      await ledger
        .http()
        .post('/api/v1/clients/perm/payment-promises')
        .set(ledger.auth('an', 'ANALYST'))
        .send(promise)
        .expect(403);
      await ledger
        .http()
        .post('/api/v1/clients/perm/payment-promises')
        .set(ledger.auth('kpp-1', 'KPP', '555'))
        .send(promise)
        .expect(404);
      const refused = await ledger
        .http()
        .post('/api/v1/clients/perm/payment-promises')
        .set(ledger.auth('kpp-2', 'KPP'))
        .send(promise);
      expect(refused.body.rule).toBe('not_responsible');
      // a КПП sees only their own planner
      await ledger.http().get('/api/v1/queues/kpp/kpp-2').set(kpp()).expect(403);
      await ledger.http().get('/api/v1/queues/kpp/kpp-2').set(ros()).expect(200);
    });

    it('answers 400 naming fields, 409 naming rules, and appends nothing', async () => {
      await registerClient(ledger, 'bad');
      const before = (await history('bad')).length;
      const bad = await ledger
        .http()
        .post('/api/v1/clients/bad/payment-promises')
        .set(kpp())
        .send({ promisedOn: '2026-02-30', remind: 'yes', amount: 0 })
        .expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'amount',
        'promisedOn',
        'remind',
      ]);
      const nothing = await ledger
        .http()
        .post('/api/v1/clients/bad/payment-promises')
        .set(kpp())
        .send({ promisedOn: '2026-06-20', remind: false })
        .expect(409);
      expect(nothing.body.rule).toBe('nothing_to_promise');
      const future = await ledger
        .http()
        .post('/api/v1/clients/bad/payments')
        .set(ros())
        .send({ paymentId: 'p', amount: 1, paidOn: '2030-01-01' })
        .expect(409);
      expect(future.body.rule).toBe('value_date_in_future');
      await ledger
        .http()
        .post('/api/v1/clients/nobody/payments')
        .set(ros())
        .send({ paymentId: 'p', amount: 1, paidOn: '2026-03-01' })
        .expect(404);
      expect((await history('bad')).length).toBe(before);
    });
  });
});
