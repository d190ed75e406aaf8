import { TestLedger, clientBody, startTestLedger } from '@ledger/test-support';

const MSK = (local: string) => new Date(`${local}+03:00`).toISOString();
const PAYMENT = { invoice_received: 2, payment_date: 2, next_call: 1, broken_date: 0 }; // 5 of 8 = 62.5 %

describe('auditors: call reviews over HTTP', () => {
  let ledger: TestLedger;
  const ros = () => ledger.auth('ros-1', 'ROS');
  const auditor = () => ledger.auth('rkpp-1', 'RKPP');
  const kpp = (id = 'kpp-1') => ledger.auth(id, 'KPP');
  /** The review's position, for reads that must see it (`minPosition`). */
  let reviewedAt = '0';

  /** Plans a contact of the client's КПП and records one attempt; answers the contact id. */
  const call = async (clientId: string, outcome: string, at: string, by = 'kpp-1') => {
    const planned = await ledger
      .http()
      .post(`/api/v1/clients/${clientId}/contacts`)
      .set(kpp(by))
      .send({ kind: 'unplanned', reason: 'unpaid_invoice', plannedAt: at })
      .expect(201);
    await ledger
      .http()
      .post(`/api/v1/clients/${clientId}/contacts/${planned.body.contactId}/attempts`)
      .set(kpp(by))
      .send({ outcome, occurredAt: at })
      .expect(201);
    return planned.body.contactId as string;
  };
  const review = (clientId: string, contactId: string, body: object, auth = auditor()) =>
    ledger.http().post(`/api/v1/clients/${clientId}/contacts/${contactId}/reviews`).set(auth).send(body);

  beforeAll(async () => {
    ledger = await startTestLedger({ clockStart: MSK('2026-03-20T18:00:00') });
    await ledger.http().post('/api/v1/clients').set(ros()).send(clientBody('c-1')).expect(201);
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('answers the [004] checklists to every role', async () => {
    const res = await ledger.http().get('/api/v1/reviews/checklists').set(kpp()).expect(200);
    expect(res.body.sheets.map((s: { sheet: string }) => s.sheet)).toEqual([
      'introduction',
      'service_engagement',
      'system_engagement',
      'news',
      'feedback',
      'payment',
      'fk',
    ]);
    const payment = res.body.sheets.find((s: { sheet: string }) => s.sheet === 'payment');
    expect(payment.title).toBe('Работа по оплате');
    expect(payment.items[0]).toEqual({ code: 'invoice_received', text: 'Выяснил факт получения счёта' });
  });

  it('records a review of a connected call; only РКПП and ADMIN review', async () => {
    const contactId = await call('c-1', 'connected', MSK('2026-03-10T11:00:00'));
    await ledger
      .http()
      .post(`/api/v1/clients/c-1/contacts/${contactId}/close`)
      .set(kpp())
      .send({ closingReason: 'payment_work' })
      .expect(201);
    await review('c-1', contactId, { sheet: 'payment', scores: PAYMENT }, kpp()).expect(403);
    await review('c-1', contactId, { sheet: 'payment', scores: PAYMENT }, ros()).expect(403);
    const res = await review('c-1', contactId, {
      sheet: 'payment',
      scores: PAYMENT,
      comment: 'Без причины',
    }).expect(201);
    expect(res.body.reviewId).toEqual(expect.any(String));
    reviewedAt = res.body.position;
    const history = await ledger.http().get('/api/v1/clients/c-1/history').set(auditor()).expect(200);
    const reviewed = history.body.events.find((e: { type: string }) => e.type === 'CallReviewed');
    expect(reviewed.data).toMatchObject({
      reviewId: res.body.reviewId,
      contactId,
      sheet: 'payment',
      score: 62.5,
      employee: { role: 'KPP', employeeId: 'kpp-1' },
      reviewer: { role: 'RKPP', employeeId: 'rkpp-1' },
    });
  });

  it('answers 400 naming the field for an unknown sheet, an unknown or missing item and a score out of 0–2', async () => {
    const contactId = await call('c-1', 'connected', MSK('2026-03-11T11:00:00'));
    const sheet = await review('c-1', contactId, { sheet: 'sales', scores: PAYMENT }).expect(400);
    expect(sheet.body.details.map((d: { field: string }) => d.field)).toEqual(['sheet']);
    const foreign = await review('c-1', contactId, {
      sheet: 'payment',
      scores: { ...PAYMENT, greeting: 2 },
    }).expect(400);
    expect(foreign.body.details.map((d: { field: string }) => d.field)).toEqual(['scores.greeting']);
    const { broken_date: _missing, ...three } = PAYMENT;
    const missing = await review('c-1', contactId, { sheet: 'payment', scores: three }).expect(400);
    expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual(['scores.broken_date']);
    const range = await review('c-1', contactId, {
      sheet: 'payment',
      scores: { ...PAYMENT, next_call: 3 },
    }).expect(400);
    expect(range.body.details.map((d: { field: string }) => d.field)).toEqual(['scores.next_call']);
  });

  it('answers 409 contact_not_connected for a contact with no connected attempt, and 404 for another РИЦ', async () => {
    const contactId = await call('c-1', 'no_answer', MSK('2026-03-12T11:00:00'));
    const res = await review('c-1', contactId, { sheet: 'payment', scores: PAYMENT }).expect(409);
    expect(res.body.rule).toBe('contact_not_connected');
    const connected = await call('c-1', 'connected', MSK('2026-03-12T12:00:00'));
    const elsewhere = await review(
      'c-1',
      connected,
      { sheet: 'payment', scores: PAYMENT },
      ledger.auth('rkpp-9', 'RKPP', '555'),
    );
    expect(elsewhere.status).toBe(404);
  });

  it('lets a КПП read the reviews of their own calls only', async () => {
    const own = await ledger.http().get(`/api/v1/reviews?minPosition=${reviewedAt}`).set(kpp()).expect(200);
    expect(own.body.items).toHaveLength(1);
    expect(own.body.items[0]).toMatchObject({ employeeId: 'kpp-1', sheet: 'payment', score: 62.5 });
    const other = await ledger.http().get('/api/v1/reviews').set(kpp('kpp-2')).expect(200);
    expect(other.body.items).toEqual([]);
    await ledger.http().get('/api/v1/reviews?employeeId=kpp-1').set(kpp('kpp-2')).expect(403);
    const elsewhere = await ledger
      .http()
      .get('/api/v1/reviews')
      .set(ledger.auth('rkpp-9', 'RKPP', '555'))
      .expect(200);
    expect(elsewhere.body.items).toEqual([]);
  });
});
