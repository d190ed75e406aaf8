import { TestLedger, clientBody, startTestLedger } from '@ledger/test-support';

const MSK = (local: string) => new Date(`${local}+03:00`).toISOString();

describe('the card, whom to call on planner and queue items, the handover sheet (HTTP)', () => {
  let ledger: TestLedger;
  let last = '0';
  const ros = () => ledger.auth('ros-1', 'ROS');
  const kpp = () => ledger.auth('kpp-1', 'KPP');
  const pm = () => ledger.auth('pm-1', 'PM');
  const send = async (path: string, body: Record<string, unknown>, auth = ros()) => {
    const res = await ledger.http().post(`/api/v1${path}`).set(auth).send(body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    last = res.body.position;
    return res.body;
  };
  const get = async (path: string, auth = ros(), status = 200) =>
    (
      await ledger
        .http()
        .get(`/api/v1${path}${path.includes('?') ? '&' : '?'}minPosition=${last}`)
        .set(auth)
        .expect(status)
    ).body;
  let contactId = '';

  beforeAll(async () => {
    ledger = await startTestLedger({ clockStart: MSK('2026-03-02T09:00:00') });
    await send('/clients', clientBody('c-1', { name: 'ООО «Ромашка»', inn: '7701234567' }));
    await send('/clients/c-1/contact-persons', {
      contactPersonId: 'cp-pay',
      name: 'Иванова Анна',
      roles: ['payer'],
      phones: ['+7 900 111-11-11'],
    });
    await send('/clients/c-1/contact-persons', {
      contactPersonId: 'cp-key',
      name: 'Петров Иван',
      roles: ['key_user'],
      phones: ['+7 900 222-22-22'],
      emails: ['ivan@example.ru'],
    });
    await send('/clients/c-1/service-points', {
      servicePointId: 'sp-2',
      name: 'Склад',
      contactCadence: 'monthly',
    });
    for (const step of ['letter_and_ros_call', 'final_engineer_visit', 'first_remote_call'])
      await send('/clients/c-1/transfer-steps', { step });
    // the debt comes after the transfer (a client in debt is not transferred)
    await send('/clients/c-1/invoices', { invoiceId: 'inv-1', amount: 15000, issuedOn: '2026-03-01' });
    ({ contactId } = await send(
      '/clients/c-1/contacts',
      { kind: 'unplanned', reason: 'hot_news', plannedAt: MSK('2026-03-02T10:00:00') },
      kpp(),
    ));
    await send('/admin/clock', { now: MSK('2026-03-02T10:01:00') }, ledger.auth('admin', 'ADMIN'));
    await send(
      `/clients/c-1/contacts/${contactId}/attempts`,
      { outcome: 'no_answer', occurredAt: MSK('2026-03-02T10:01:00'), callbackInMinutes: 30 },
      kpp(),
    );
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('answers the card with persons, service points, the open contact and the necessity', async () => {
    const card = await get('/clients/c-1', kpp());
    expect(card).toMatchObject({
      clientId: 'c-1',
      name: 'ООО «Ромашка»',
      inn: '7701234567',
      unpaid: 15000,
      debtMonths: 1.5,
      openPromise: null,
      openThreats: [],
      latestUsageWeek: null,
    });
    expect(card.contactPersons).toEqual([
      {
        contactPersonId: 'cp-key',
        name: 'Петров Иван',
        roles: ['key_user'],
        phones: ['+7 900 222-22-22'],
        emails: ['ivan@example.ru'],
      },
      {
        contactPersonId: 'cp-pay',
        name: 'Иванова Анна',
        roles: ['payer'],
        phones: ['+7 900 111-11-11'],
        emails: [],
      },
    ]);
    expect(card.servicePoints).toEqual([
      { servicePointId: 'main', contactCadence: 'weekly' },
      { servicePointId: 'sp-2', name: 'Склад', contactCadence: 'monthly' },
    ]);
    const planned = (id: string, servicePointId: string) => ({
      contactId: id,
      kind: 'planned',
      reason: 'info_occasion',
      plannedAt: MSK('2026-03-02T09:00:00'),
      servicePointId,
      assignee: { role: 'KPP', employeeId: 'kpp-1' },
      instrumentsPlanned: [],
      attempts: 0,
    });
    // the cadence's contacts of this week, one per service point, then the КПП's own
    expect(card.openContacts).toEqual([
      planned('planned.2026-03-02', 'main'),
      planned('planned.sp-2.2026-03-02', 'sp-2'),
      {
        contactId,
        kind: 'unplanned',
        reason: 'hot_news',
        plannedAt: MSK('2026-03-02T10:00:00'),
        servicePointId: 'main',
        assignee: { role: 'KPP', employeeId: 'kpp-1' },
        instrumentsPlanned: [],
        attempts: 1,
        lastOutcome: 'no_answer',
        callbackAt: MSK('2026-03-02T10:31:00'),
      },
    ]);
    // base 0.2 + a debt over one month 0.1; no usage week yet
    expect(card.contactNecessity).toEqual({
      indicator: 0.3,
      signs: {
        renewalPeriod: false,
        debt: true,
        unreturnedActs: false,
        noSystemUse: false,
        noUpdates: false,
        hotlinePortalUnused: false,
        trainingNotMet: false,
      },
    });
  });

  it('answers the state as of now in the same shape as the card', async () => {
    const card = await get('/clients/c-1');
    const state = await get(`/clients/c-1/state?at=${encodeURIComponent(MSK('2026-03-02T12:00:00'))}`);
    // the card's every field, and beside them each workflow's state (issue 7, the auditors)
    const { workflows, ...asCard } = state;
    expect(asCard).toEqual(card);
    expect(workflows).toMatchObject({ contactCadence: { state: 'served' } });
  });

  it('puts the client’s name and the person to call on the planner item, read when asked', async () => {
    const planner = await get('/queues/kpp/kpp-1?date=2026-03-02', kpp());
    const callback = planner.items.find((i: { contactId?: string }) => i.contactId === contactId);
    expect(callback).toMatchObject({
      clientId: 'c-1',
      clientName: 'ООО «Ромашка»',
      kind: 'callback',
      dueAt: MSK('2026-03-02T10:31:00'),
      contactId,
      attempts: 1,
      person: { contactPersonId: 'cp-key', name: 'Петров Иван', phone: '+7 900 222-22-22' },
    });
    expect(callback).not.toHaveProperty('contactPersonId');
    // a change of the person shows at once, on the same item
    await send('/clients/c-1/contact-persons/cp-key', { phones: ['+7 900 333-33-33'] });
    const after = await get('/queues/kpp/kpp-1?date=2026-03-02', kpp());
    expect(after.items.find((i: { contactId?: string }) => i.contactId === contactId).person).toEqual({
      contactPersonId: 'cp-key',
      name: 'Петров Иван',
      phone: '+7 900 333-33-33',
    });
  });

  it('links the ПМ’s threat to its handover sheet, which answers every field', async () => {
    await send('/clients/c-1/handovers', { comment: 'обещают после проверки' }, kpp());
    const queue = await get('/queues/pm/pm-1', pm());
    const threat = queue.items.find((i: { kind: string }) => i.kind === 'threat');
    expect(threat).toMatchObject({
      clientId: 'c-1',
      clientName: 'ООО «Ромашка»',
      kind: 'threat',
      reason: 'manual',
      threatId: expect.any(String),
      // a payment matter: the payer (ЧДД)
      person: { contactPersonId: 'cp-pay', name: 'Иванова Анна', phone: '+7 900 111-11-11' },
      handoverSheet: `/api/v1/clients/c-1/handover-sheets/${threat.threatId}`,
    });
    const sheet = await get(threat.handoverSheet.replace('/api/v1', ''), pm());
    expect(sheet).toEqual({
      clientId: 'c-1',
      threatId: threat.threatId,
      reason: 'manual',
      handedOverAt: MSK('2026-03-02T10:01:00'),
      fromKppId: 'kpp-1',
      toPmId: 'pm-1',
      threatOpen: true,
      debtMonths: 1.5,
      unpaid: 15000,
      monthlyFee: 10000,
      brokenPromisesInRow: 0,
      invoices: [{ invoiceId: 'inv-1', amount: 15000, issuedOn: '2026-03-01' }],
      payments: [],
      promises: [],
      contactPersons: [
        {
          contactPersonId: 'cp-key',
          name: 'Петров Иван',
          roles: ['key_user'],
          phones: ['+7 900 333-33-33'],
          emails: ['ivan@example.ru'],
        },
        {
          contactPersonId: 'cp-pay',
          name: 'Иванова Анна',
          roles: ['payer'],
          phones: ['+7 900 111-11-11'],
          emails: [],
        },
      ],
      kppComment: 'обещают после проверки',
    });
    // the card names the open threat the sheet belongs to
    const card = await get('/clients/c-1', pm());
    expect(card.openThreats).toEqual([
      { threatId: threat.threatId, type: 'manual', raisedAt: MSK('2026-03-02T10:01:00') },
    ]);
  });

  it('answers 404 for an unknown threat, and for the client from another РИЦ', async () => {
    const queue = await get('/queues/pm/pm-1', pm());
    const { threatId } = queue.items.find((i: { kind: string }) => i.kind === 'threat');
    await get('/clients/c-1/handover-sheets/t-unknown', pm(), 404);
    const other = ledger.auth('pm-1', ['PM', 'ADMIN'], '555');
    await get(`/clients/c-1/handover-sheets/${threatId}`, other, 404);
    await get('/clients/c-1', other, 404);
    expect((await get('/queues/pm/pm-1', other)).items).toEqual([]);
    expect((await get('/clients', other)).items).toEqual([]);
  });
});

describe('the OpenAPI document describes the reads', () => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await startTestLedger({ projector: false });
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('documents the list with its parameters, the card, the sheet and the queues', async () => {
    const doc = (await ledger.http().get('/docs/openapi.json').expect(200)).body;
    const list = doc.paths['/api/v1/clients'].get;
    expect(list.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'category',
      'cursor',
      'kppId',
      'lifecycle',
      'limit',
      'minDebtMonths',
      'minPosition',
      'pmId',
      'q',
      'responsible',
      'sort',
    ]);
    expect(list.responses['200'].content['application/json'].schema.example.items[0]).toHaveProperty(
      'debtMonths',
    );
    const card = doc.paths['/api/v1/clients/{clientId}'].get;
    expect(card.responses['200'].content['application/json'].schema.example).toHaveProperty(
      'contactNecessity',
    );
    const sheet = doc.paths['/api/v1/clients/{clientId}/handover-sheets/{threatId}'].get;
    expect(sheet.responses['200'].content['application/json'].schema.example).toHaveProperty('invoices');
    expect(doc.paths['/api/v1/queues/kpp/{employeeId}'].get.responses['200'].description).toMatch(/person/);
    expect(doc.paths['/api/v1/queues/pm/{employeeId}'].get.responses['200'].description).toMatch(
      /handoverSheet/,
    );
  });
});
