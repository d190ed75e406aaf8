import { TestLedger, clientBody, startTestLedger } from '../../../../test/support/ledger';

/** SPEC §3.2 over HTTP with the manual clock: what a КПП, a ПМ and an auditor see. */
const MSK = (local: string) => new Date(`${local}+03:00`).toISOString();

describe('receivables over HTTP (manual clock)', () => {
  let ledger: TestLedger;
  const ros = () => ledger.auth('ros-1', 'ROS');
  const admin = () => ledger.auth('admin-1', 'ADMIN');
  const kpp = () => ledger.auth('kpp-1', 'KPP');
  const pm = () => ledger.auth('pm-1', 'PM');

  const clock = async (local: string) => {
    const res = await ledger
      .http()
      .post('/api/v1/admin/clock')
      .set(admin())
      .send({ now: MSK(local) })
      .expect(201);
    return res.body.position as string;
  };
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

  beforeAll(async () => {
    ledger = await startTestLedger({ clockStart: MSK('2026-03-01T09:00:00') });
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('example 1: reminder on 19 March, broken on 20th, follow-up by 24th, second break hands over', async () => {
    await ledger.http().post('/api/v1/clients').set(ros()).send(clientBody('ex1')).expect(201);
    await ledger
      .http()
      .post('/api/v1/clients/ex1/invoices')
      .set(ros())
      .send({ invoiceId: 'i1', amount: 15000, issuedOn: '2026-03-01' })
      .expect(201);
    await clock('2026-03-10T10:00:00');
    const promise = await ledger
      .http()
      .post('/api/v1/clients/ex1/payment-promises')
      .set(kpp())
      .send({ promisedOn: '2026-03-20', remind: true })
      .expect(201);
    expect(promise.body).toEqual({
      promiseId: expect.any(String),
      streamVersion: 5,
      position: expect.stringMatching(/^\d+$/),
    });
    expect(await card('ex1', promise.body.position)).toMatchObject({
      debtMonths: 1.5,
      responsible: { role: 'KPP', employeeId: 'kpp-1' },
      openPromise: { promiseId: promise.body.promiseId, promisedOn: '2026-03-20', remind: true },
    });

    // the planner on the 19th shows the reminder call; not before
    const before = await ledger.http().get('/api/v1/queues/kpp/kpp-1?date=2026-03-18').set(kpp()).expect(200);
    expect(before.body.items).toEqual([]);
    await clock('2026-03-19T08:00:00');
    const on19 = await ledger.http().get('/api/v1/queues/kpp/kpp-1?date=2026-03-19').set(kpp()).expect(200);
    expect(on19.body.items).toEqual([
      expect.objectContaining({
        clientId: 'ex1',
        kind: 'payment_reminder',
        dueAt: MSK('2026-03-19T00:00:00'),
        promiseId: promise.body.promiseId,
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

    await clock('2026-03-23T11:00:00');
    await ledger
      .http()
      .post('/api/v1/clients/ex1/payment-promises')
      .set(kpp())
      .send({ promisedOn: '2026-03-27', remind: false })
      .expect(201);
    const moved = await clock('2026-03-28T09:00:00');
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

  it('example 2: a promise beyond the limit hands over at once', async () => {
    await ledger.http().post('/api/v1/clients').set(ros()).send(clientBody('ex2')).expect(201);
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

  it('example 3: back to the КПП on the May payment', async () => {
    await ledger.http().post('/api/v1/clients').set(ros()).send(clientBody('ex3')).expect(201);
    await ledger
      .http()
      .post('/api/v1/clients/ex3/invoices')
      .set(ros())
      .send({ invoiceId: 'feb', amount: 18000, issuedOn: '2026-02-01' })
      .expect(201);
    const mar = await ledger
      .http()
      .post('/api/v1/clients/ex3/invoices')
      .set(ros())
      .send({ invoiceId: 'mar', amount: 10000, issuedOn: '2026-03-01' })
      .expect(201);
    expect(await card('ex3', mar.body.position)).toMatchObject({
      debtMonths: 2.8,
      responsible: { role: 'PM' },
      openThreats: [{ type: 'debt_limit_reached' }],
    });

    await clock('2026-04-01T08:00:00');
    await ledger
      .http()
      .post('/api/v1/clients/ex3/invoices')
      .set(ros())
      .send({ invoiceId: 'apr', amount: 10000, issuedOn: '2026-04-01' })
      .expect(201);
    await ledger
      .http()
      .post('/api/v1/clients/ex3/payment-promises')
      .set(pm())
      .send({ promisedOn: '2026-04-10', amount: 10000, remind: false })
      .expect(201);
    // the КПП no longer answers for it
    await ledger
      .http()
      .post('/api/v1/clients/ex3/payment-promises')
      .set(kpp())
      .send({ promisedOn: '2026-04-10', remind: false })
      .expect(403);
    await clock('2026-04-10T12:00:00');
    await ledger
      .http()
      .post('/api/v1/clients/ex3/payments')
      .set(pm())
      .send({ paymentId: 'pa', amount: 10000, paidOn: '2026-04-10' })
      .expect(201);
    await clock('2026-05-01T08:00:00');
    await ledger
      .http()
      .post('/api/v1/clients/ex3/invoices')
      .set(ros())
      .send({ invoiceId: 'may', amount: 10000, issuedOn: '2026-05-01' })
      .expect(201);
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
    expect(await card('ex3', paid.body.position)).toMatchObject({
      debtMonths: 1,
      onTimeMonthsInRow: 2,
      responsible: { role: 'KPP', employeeId: 'kpp-1' },
      openThreats: [],
    });
  });

  it('replays the same responsibility at every instant as the live card showed', async () => {
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

  it('checks who may write: roles, responsibility, РИЦ', async () => {
    await ledger.http().post('/api/v1/clients').set(ros()).send(clientBody('perm')).expect(201);
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
    await ledger.http().post('/api/v1/clients').set(ros()).send(clientBody('bad')).expect(201);
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
