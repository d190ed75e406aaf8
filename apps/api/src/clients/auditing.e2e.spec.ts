import { TestLedger, clientBody, startTestLedger } from '@ledger/test-support';

const MSK = (local: string) => new Date(`${local}+03:00`).toISOString();

/** SPEC §6 over HTTP: why each automatic event happened, the workflows as of an instant, history slices. */
describe('auditors: decisions, state as of an instant, history filters', () => {
  let ledger: TestLedger;
  const ros = () => ledger.auth('ros-1', 'ROS');
  const auditor = () => ledger.auth('rkpp-1', 'RKPP');
  const kpp = () => ledger.auth('kpp-1', 'KPP');
  const clock = (local: string) =>
    ledger
      .http()
      .post('/api/v1/admin/clock')
      .set(ledger.auth('admin', 'ADMIN'))
      .send({ now: MSK(local) })
      .expect(201);

  beforeAll(async () => {
    ledger = await startTestLedger({ clockStart: MSK('2026-03-02T09:00:00') });
    // fee 10 000 ₽; 15 000 ₽ invoiced on 1 March (1.5 months)
    await ledger.http().post('/api/v1/clients').set(ros()).send(clientBody('c-1')).expect(201);
    await ledger
      .http()
      .post('/api/v1/clients/c-1/invoices')
      .set(ros())
      .send({ invoiceId: 'i1', amount: 15000, issuedOn: '2026-03-01' })
      .expect(201);
    await clock('2026-03-10T10:00:00');
    await ledger
      .http()
      .post('/api/v1/clients/c-1/payment-promises')
      .set(kpp())
      .send({ promisedOn: '2026-03-20', remind: true })
      .expect(201);
    await clock('2026-03-11T10:00:00');
    // another 13 000 ₽: 28 000 ₽ unpaid is 2.8 months — the handover rule fires at once
    await ledger
      .http()
      .post('/api/v1/clients/c-1/invoices')
      .set(ros())
      .send({ invoiceId: 'i2', amount: 13000, issuedOn: '2026-03-11' })
      .expect(201);
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('lists every automatic event with its rule, its evidence resolved and a sentence', async () => {
    const res = await ledger.http().get('/api/v1/clients/c-1/decisions').set(auditor()).expect(200);
    const history = (await ledger.http().get('/api/v1/clients/c-1/history').set(auditor()).expect(200)).body
      .events as Array<{ position: string; type: string; metadata: { rule?: string; occurredAt: string } }>;
    expect(res.body.items.map((d: { position: string }) => d.position)).toEqual(
      history.filter((e) => e.metadata.rule).map((e) => e.position),
    );
    const handover = res.body.items.find((d: { type: string }) => d.type === 'HandedOverToPM');
    const invoice = history.find(
      (e) => e.type === 'InvoiceIssued' && e.metadata.occurredAt >= MSK('2026-03-11T00:00:00'),
    )!;
    expect(handover).toMatchObject({
      rule: 'receivables.debt_limit_reached',
      explanation: 'Передан ПМ: долг достиг 2,8 месяца абонентской платы после счёта от 11.03 на 13 000 ₽',
    });
    expect(handover.evidence[0]).toEqual({
      position: invoice.position,
      type: 'InvoiceIssued',
      occurredAt: invoice.metadata.occurredAt,
    });
    const reminder = res.body.items.find((d: { rule: string }) => d.rule === 'receivables.reminder_asked');
    expect(reminder.explanation).toBe(
      'Назначено напоминание об оплате на 19.03: клиент попросил напомнить (обещание на 20.03)',
    );
    expect(reminder.evidence.map((e: { type: string }) => e.type)).toEqual(['PaymentPromiseRecorded']);
  });

  it('answers the workflows as they stood at an instant: before and after the handover', async () => {
    const before = await ledger
      .http()
      .get(`/api/v1/clients/c-1/state?at=${encodeURIComponent(MSK('2026-03-10T12:00:00'))}`)
      .set(auditor())
      .expect(200);
    expect(before.body).toMatchObject({ clientId: 'c-1', debtMonths: 1.5, responsible: { role: 'KPP' } });
    expect(before.body.workflows).toMatchObject({
      responsibility: { state: 'kpp', responsible: { role: 'KPP', employeeId: 'kpp-1' } },
      lifecycle: { state: 'candidate' },
      promises: [{ promisedOn: '2026-03-20', state: 'reminderScheduled', target: 15000, paidInTime: 0 }],
      openContacts: [],
      callbacks: [],
    });
    // the reminder at the start of 19 March, the check at the end of 20 March
    expect(
      before.body.workflows.deadlines.map((d: { kind: string; dueAt: string }) => [d.kind, d.dueAt]),
    ).toEqual([
      ['payment_reminder', MSK('2026-03-19T00:00:00')],
      ['promise_due', MSK('2026-03-21T00:00:00')],
    ]);
    const after = await ledger.http().get('/api/v1/clients/c-1/state').set(auditor()).expect(200);
    expect(after.body.workflows.responsibility).toEqual({
      state: 'pm',
      responsible: { role: 'PM', employeeId: 'pm-1' },
    });
    const first = await ledger
      .http()
      .get(`/api/v1/clients/c-1/state?at=${encodeURIComponent(MSK('2026-03-01T00:00:00'))}`)
      .set(auditor());
    expect(first.status).toBe(404); // not registered yet then
  });

  it('shows open contacts and callbacks as of an instant', async () => {
    await clock('2026-03-12T10:00:00');
    const planned = await ledger
      .http()
      .post('/api/v1/clients/c-1/contacts')
      .set(ros())
      .send({ kind: 'unplanned', reason: 'unpaid_invoice', plannedAt: MSK('2026-03-12T10:00:00') })
      .expect(201);
    await ledger
      .http()
      .post(`/api/v1/clients/c-1/contacts/${planned.body.contactId}/attempts`)
      .set(kpp())
      .send({ outcome: 'no_answer', occurredAt: MSK('2026-03-12T10:00:00'), callbackInMinutes: 30 })
      .expect(201);
    const state = await ledger.http().get('/api/v1/clients/c-1/state').set(auditor()).expect(200);
    expect(state.body.workflows.openContacts).toEqual([
      expect.objectContaining({ contactId: planned.body.contactId, attempts: 1, lastOutcome: 'no_answer' }),
    ]);
    expect(state.body.workflows.callbacks).toEqual([
      {
        contactId: planned.body.contactId,
        callbackAt: MSK('2026-03-12T10:30:00'),
        assignee: { role: 'KPP', employeeId: 'kpp-1' },
      },
    ]);
  });

  it('slices the history by from, until and types', async () => {
    const all = (await ledger.http().get('/api/v1/clients/c-1/history').set(auditor()).expect(200)).body
      .events as Array<{
      type: string;
      metadata: { recordedAt: string };
    }>;
    const from = MSK('2026-03-10T00:00:00');
    const until = MSK('2026-03-10T23:59:59');
    const res = await ledger
      .http()
      .get(`/api/v1/clients/c-1/history?from=${encodeURIComponent(from)}&until=${encodeURIComponent(until)}`)
      .set(auditor())
      .expect(200);
    const expected = all.filter((e) => e.metadata.recordedAt >= from && e.metadata.recordedAt <= until);
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(expected.map((e) => e.type));
    expect(expected.map((e) => e.type)).toEqual(['PaymentPromiseRecorded', 'DeadlineSet', 'DeadlineSet']);
    const invoices = await ledger
      .http()
      .get('/api/v1/clients/c-1/history?types=InvoiceIssued,HandedOverToPM')
      .set(auditor())
      .expect(200);
    expect(invoices.body.events.map((e: { type: string }) => e.type)).toEqual([
      'InvoiceIssued',
      'InvoiceIssued',
      'HandedOverToPM',
    ]);
    const bad = await ledger.http().get('/api/v1/clients/c-1/history?types=Nope').set(auditor()).expect(400);
    expect(bad.body.details[0].field).toBe('types');
    const backwards = await ledger
      .http()
      .get(`/api/v1/clients/c-1/history?from=${encodeURIComponent(until)}&until=${encodeURIComponent(from)}`)
      .set(auditor())
      .expect(400);
    expect(backwards.body.details[0].field).toBe('until');
  });

  it('shows nothing of another РИЦ', async () => {
    const other = ledger.auth('rkpp-9', 'RKPP', '555');
    await ledger.http().get('/api/v1/clients/c-1/decisions').set(other).expect(404);
    await ledger.http().get('/api/v1/clients/c-1/state').set(other).expect(404);
    await ledger.http().get('/api/v1/clients/c-1/history?types=InvoiceIssued').set(other).expect(404);
  });
});
