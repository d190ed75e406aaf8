import { TestLedger, clientBody, startTestLedger } from '@ledger/test-support';

const MSK = (local: string) => new Date(`${local}+03:00`).toISOString();
const PAYMENT = { invoice_received: 2, payment_date: 2, next_call: 1, broken_date: 0 }; // 5 of 8 = 62.5 %
const PAYMENT_FULL = { invoice_received: 2, payment_date: 2, next_call: 2, broken_date: 2 }; // 100 %
const FK_HALF = { key_people: 1, staff: 1, activity: 1, competitors: 1, budget: 1, contact_persons: 1 }; // 50 %

type Item = { clientId: string; contactId: string; employeeId: string; occurredAt: string };

describe('auditors: the audit sample and the review report over HTTP', () => {
  let ledger: TestLedger;
  const ros = () => ledger.auth('ros-1', 'ROS');
  const auditor = () => ledger.auth('rkpp-1', 'RKPP');
  const kpp = (id: string) => ledger.auth(id, 'KPP');
  const calls: Record<string, string[]> = {};
  /** The position of the last command, for reads that must see it (`minPosition`). */
  let last = '0';

  const call = async (clientId: string, by: string, at: string, outcome = 'connected') => {
    const planned = await ledger
      .http()
      .post(`/api/v1/clients/${clientId}/contacts`)
      .set(kpp(by))
      .send({ kind: 'unplanned', reason: 'unpaid_invoice', plannedAt: at })
      .expect(201);
    const attempt = await ledger
      .http()
      .post(`/api/v1/clients/${clientId}/contacts/${planned.body.contactId}/attempts`)
      .set(kpp(by))
      .send({ outcome, occurredAt: at })
      .expect(201);
    (calls[clientId] ??= []).push(planned.body.contactId);
    last = attempt.body.position;
  };
  const sample = (query: string, auth = auditor()) =>
    ledger.http().get(`/api/v1/reports/audit-sample?${query}`).set(auth);
  const keys = (items: Item[]) => items.map((i) => `${i.clientId}/${i.contactId}`);

  beforeAll(async () => {
    ledger = await startTestLedger({ clockStart: MSK('2026-03-20T18:00:00') });
    await ledger.http().post('/api/v1/clients').set(ros()).send(clientBody('c-a')).expect(201);
    await ledger
      .http()
      .post('/api/v1/clients')
      .set(ros())
      .send(clientBody('c-b', { kppId: 'kpp-2' }))
      .expect(201);
    // kpp-1: 10 connected calls in the week of 2 March, 3 in the week of 9 March; kpp-2: 1
    for (let i = 0; i < 10; i++) await call('c-a', 'kpp-1', MSK(`2026-03-0${2 + (i % 5)}T1${i % 8}:00:00`));
    for (let i = 0; i < 3; i++) await call('c-a', 'kpp-1', MSK(`2026-03-1${i}T12:00:00`));
    await call('c-b', 'kpp-2', MSK('2026-03-04T12:00:00'));
    // not connected, and outside the period: never drawn
    await call('c-a', 'kpp-1', MSK('2026-03-05T09:00:00'), 'no_answer');
    await call('c-a', 'kpp-1', MSK('2026-03-17T09:00:00'));
    await ledger.http().get(`/api/v1/clients/c-a?minPosition=${last}`).set(ros()).expect(200);
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('draws about 20 % per КПП and week — 2 of 10, 1 of 3, 1 of 1 — the same whoever asks', async () => {
    const res = await sample('from=2026-03-01&to=2026-03-15').expect(200);
    expect(res.body.connectedCalls).toBe(14);
    expect(res.body.items).toHaveLength(4);
    expect(res.body.share).toBe(0.286); // 4 / 14
    const items = res.body.items as Item[];
    expect(items.filter((i) => i.employeeId === 'kpp-2')).toHaveLength(1);
    expect(items.filter((i) => i.employeeId === 'kpp-1' && i.occurredAt < '2026-03-08')).toHaveLength(2);
    expect(items.filter((i) => i.employeeId === 'kpp-1' && i.occurredAt > '2026-03-08')).toHaveLength(1);
    const again = await sample('from=2026-03-01&to=2026-03-15', ros()).expect(200);
    expect(again.body.items).toEqual(res.body.items);
    const one = await sample('from=2026-03-01&to=2026-03-15&employeeId=kpp-1').expect(200);
    expect(keys(one.body.items)).toEqual(keys(items.filter((i) => i.employeeId === 'kpp-1')));
    expect(one.body.share).toBe(0.231); // 3 / 13
  });

  it('draws the same sample after the projection is rebuilt', async () => {
    const before = await sample('from=2026-03-01&to=2026-03-15&seed=april').expect(200);
    await ledger
      .http()
      .post('/api/v1/admin/projections/reviews/rebuild')
      .set(ledger.auth('admin', 'ADMIN'))
      .expect(201);
    const after = await sample('from=2026-03-01&to=2026-03-15&seed=april').expect(200);
    expect(after.body.items).toEqual(before.body.items);
    expect(after.body.items).toHaveLength(4);
  });

  it('is not for a КПП, needs from and to, and shows nothing of another РИЦ', async () => {
    await sample('from=2026-03-01&to=2026-03-15', kpp('kpp-1')).expect(403);
    const missing = await sample('from=2026-03-01').expect(400);
    expect(missing.body.details[0].field).toBe('to');
    const seed = await sample('from=2026-03-01&to=2026-03-15&seed=a%20b').expect(400);
    expect(seed.body.details[0].field).toBe('seed');
    const elsewhere = await sample(
      'from=2026-03-01&to=2026-03-15',
      ledger.auth('rkpp-9', 'RKPP', '555'),
    ).expect(200);
    expect(elsewhere.body.items).toEqual([]);
  });

  it('reports reviews per КПП with item means and weakest items, and the auditor’s workload', async () => {
    const review = (clientId: string, contactId: string, sheet: string, scores: object) =>
      ledger
        .http()
        .post(`/api/v1/clients/${clientId}/contacts/${contactId}/reviews`)
        .set(auditor())
        .send({ sheet, scores })
        .expect(201);
    await review('c-a', calls['c-a']![0]!, 'payment', PAYMENT);
    await review('c-a', calls['c-a']![1]!, 'payment', PAYMENT_FULL);
    const lastReview = await review('c-b', calls['c-b']![0]!, 'fk', FK_HALF);
    const res = await ledger
      .http()
      .get(
        `/api/v1/reports/call-reviews?from=2026-03-01&to=2026-03-15&minPosition=${lastReview.body.position}`,
      )
      .set(auditor())
      .expect(200);
    const [kpp1, kpp2] = res.body.employees;
    expect(kpp1).toMatchObject({ employeeId: 'kpp-1', reviews: 2, meanScore: 81.3 }); // (62.5 + 100) / 2 = 81.25
    expect(kpp1.items.map((i: { item: string; mean: number }) => [i.item, i.mean])).toEqual([
      ['payment.broken_date', 1], // (0 + 2) / 2
      ['payment.invoice_received', 2],
      ['payment.next_call', 1.5], // (1 + 2) / 2
      ['payment.payment_date', 2],
    ]);
    expect(kpp1.weakest.map((i: { item: string }) => i.item)).toEqual([
      'payment.broken_date',
      'payment.next_call',
      'payment.invoice_received',
    ]);
    expect(kpp1.weakest[0].text).toBe('При нарушении срока оплаты выяснил причину и согласовал новый срок');
    expect(kpp2).toMatchObject({ employeeId: 'kpp-2', reviews: 1, meanScore: 50 });
    // 2 clients reviewed over 9 working days (1–15 March 2026: 9 March is a holiday) = 0.22 a day of 300
    expect(res.body.auditors).toEqual([
      {
        reviewerId: 'rkpp-1',
        reviews: 3,
        servicePoints: 2,
        workingDays: 9,
        servicePointsPerDay: 0.22,
        normPerDay: 300,
        loadPercent: 0.1,
      },
    ]);
    const own = await ledger
      .http()
      .get('/api/v1/reports/call-reviews?from=2026-03-01&to=2026-03-15')
      .set(kpp('kpp-2'))
      .expect(200);
    expect(own.body.employees.map((e: { employeeId: string }) => e.employeeId)).toEqual(['kpp-2']);
    expect(own.body.auditors).toEqual([]);
    const elsewhere = await ledger
      .http()
      .get('/api/v1/reports/call-reviews?from=2026-03-01&to=2026-03-15')
      .set(ledger.auth('rkpp-9', 'RKPP', '555'))
      .expect(200);
    expect(elsewhere.body.employees).toEqual([]);
  });
});
