import { TestLedger, clientBody, startTestLedger } from '@ledger/test-support';

const MSK = (local: string) => new Date(`${local}+03:00`).toISOString();

describe('POST /clients/{id}/assignment: another КПП or ПМ takes the client with its open work', () => {
  let ledger: TestLedger;
  const ros = () => ledger.auth('ros-1', 'ROS');
  const planner = async (kppId: string, minPosition = '0') =>
    (
      await ledger
        .http()
        .get(`/api/v1/queues/kpp/${kppId}?date=2026-03-02&minPosition=${minPosition}`)
        .set(ledger.auth(kppId, 'KPP'))
        .expect(200)
    ).body.items as Array<{ clientId: string; kind: string; contactId?: string }>;

  beforeAll(async () => {
    ledger = await startTestLedger({ clockStart: MSK('2026-03-02T08:00:00') });
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('moves the planner items to the new КПП and shows who and why in the history', async () => {
    await ledger.http().post('/api/v1/clients').set(ros()).send(clientBody('c-move')).expect(201);
    const planned = await ledger
      .http()
      .post('/api/v1/clients/c-move/contacts')
      .set(ledger.auth('kpp-1', 'KPP'))
      .send({ kind: 'planned', reason: 'training', plannedAt: MSK('2026-03-02T11:00:00') })
      .expect(201);
    expect((await planner('kpp-1', planned.body.position)).map((i) => i.contactId)).toEqual([
      planned.body.contactId,
    ]);

    const assigned = await ledger
      .http()
      .post('/api/v1/clients/c-move/assignment')
      .set(ros())
      .send({ kppId: 'kpp-2', comment: 'kpp-1 в отпуске' })
      .expect(201);
    expect(assigned.body).toEqual({ streamVersion: 3, position: expect.any(String) });

    expect(await planner('kpp-1', assigned.body.position)).toEqual([]);
    expect((await planner('kpp-2', assigned.body.position)).map((i) => i.contactId)).toEqual([
      planned.body.contactId,
    ]);
    const card = await ledger.http().get('/api/v1/clients/c-move').set(ros()).expect(200);
    expect(card.body).toMatchObject({
      kppId: 'kpp-2',
      pmId: 'pm-1',
      responsible: { role: 'KPP', employeeId: 'kpp-2' },
    });
    const history = await ledger.http().get('/api/v1/clients/c-move/history').set(ros()).expect(200);
    expect(history.body.events.at(-1)).toMatchObject({
      type: 'ClientAssigned',
      data: {
        kppId: 'kpp-2',
        previousKppId: 'kpp-1',
        pmId: 'pm-1',
        previousPmId: 'pm-1',
        comment: 'kpp-1 в отпуске',
      },
      metadata: { actor: { id: 'ros-1', role: 'ROS' } },
    });
    // the new КПП works the contact by the id the planner gave
    await ledger
      .http()
      .post(`/api/v1/clients/c-move/contacts/${planned.body.contactId}/attempts`)
      .set(ledger.auth('kpp-2', 'KPP'))
      .send({ outcome: 'no_answer', occurredAt: MSK('2026-03-02T08:00:00') })
      .expect(201);
  });

  it('answers 400 naming the field without a kppId or pmId, 403 to a КПП, 404 for another РИЦ', async () => {
    await ledger.http().post('/api/v1/clients').set(ros()).send(clientBody('c-stay')).expect(201);
    const empty = await ledger
      .http()
      .post('/api/v1/clients/c-stay/assignment')
      .set(ros())
      .send({})
      .expect(400);
    expect(empty.body.details[0].field).toBe('kppId');
    const bad = await ledger
      .http()
      .post('/api/v1/clients/c-stay/assignment')
      .set(ros())
      .send({ kppId: 'kpp/2' })
      .expect(400);
    expect(bad.body.details[0].field).toBe('kppId');
    await ledger
      .http()
      .post('/api/v1/clients/c-stay/assignment')
      .set(ledger.auth('kpp-1', 'KPP'))
      .send({ kppId: 'kpp-1' })
      .expect(403);
    await ledger
      .http()
      .post('/api/v1/clients/c-stay/assignment')
      .set(ledger.auth('ros-9', 'ROS', '555'))
      .send({ kppId: 'kpp-2' })
      .expect(404);
    const history = await ledger.http().get('/api/v1/clients/c-stay/history').set(ros()).expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['ClientRegistered']);
  });
});
