import { TestLedger, clientBody, startTestLedger } from '@ledger/test-support';

const MSK = (local: string) => new Date(`${local}+03:00`).toISOString();

interface HistoryEvent {
  type: string;
  data: Record<string, unknown>;
}

/** Issue 12 "Facts in": the fields of [000]/[001], unknown logins, whole-week imports, CSV. */
describe('the weekly usage import', () => {
  let ledger: TestLedger;
  const ros = () => ledger.auth('ros-1', 'ROS');
  const usageOf = async (clientId: string): Promise<Array<Record<string, unknown>>> => {
    const history = await ledger.http().get(`/api/v1/clients/${clientId}/history`).set(ros()).expect(200);
    return (history.body.events as HistoryEvent[])
      .filter((e) => e.type === 'UsageObserved')
      .map((e) => e.data);
  };

  beforeAll(async () => {
    ledger = await startTestLedger({ clockStart: MSK('2026-03-02T07:00:00') });
    for (const id of ['a', 'b', 'c'])
      await ledger.http().post('/api/v1/clients').set(ros()).send(clientBody(id)).expect(201);
    // a client of another РИЦ: never reachable from РИЦ 444, not even by an import
    await ledger
      .http()
      .post('/api/v1/clients')
      .set(ledger.auth('ros-9', 'ROS', '555'))
      .send(clientBody('other-ric'))
      .expect(201);
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('records the new fields, keeps absent logins absent (unknown, not 0) and fills absent counts with 0', async () => {
    const answer = await ledger
      .http()
      .post('/api/v1/usage-observations')
      .set(ros())
      .send({
        observations: [
          {
            clientId: 'a',
            weekStart: '2026-02-23',
            logins: 0,
            portalDepartments: ['legal', 'accounting'],
            departmentsTrainedBelowHalf: 2,
            seminarCertificates: 1,
            serviceActivity: {
              documentOrders: 3,
              consultingLineRequests: 1,
              personalAccountRegistered: true,
            },
          },
          { clientId: 'b', weekStart: '2026-02-23', portalRequests: 2 },
        ],
      })
      .expect(201);
    expect(answer.body).toMatchObject({ observations: 2, recorded: 2, rejected: [] });
    const [a] = await usageOf('a');
    expect(a).toMatchObject({
      logins: 0,
      portalDepartments: ['accounting', 'legal'],
      departmentsTrainedBelowHalf: 2,
      seminarCertificates: 1,
      serviceActivity: {
        documentOrders: 3,
        onlineOrders: 0,
        consultingLineRequests: 1,
        selectionOrders: 0,
        trainedUsers: 0,
        onlineDialogRequests: 0,
        personalAccountRegistered: true,
        techSupportRequests: 0,
      },
    });
    const [b] = await usageOf('b');
    expect(b).not.toHaveProperty('logins');
    expect(b).not.toHaveProperty('serviceActivity');
    expect(b).toMatchObject({ portalRequests: 2, hotlineRequests: 0, competitor: 'unknown' });

    const bad = await ledger
      .http()
      .post('/api/v1/usage-observations')
      .set(ros())
      .send({
        observations: [
          {
            clientId: 'a',
            weekStart: '2026-02-23',
            portalDepartments: ['kitchen'],
            serviceActivity: { documentOrders: -1 },
          },
        ],
      })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'observations.0.portalDepartments',
      'observations.0.serviceActivity.documentOrders',
    ]);
  });

  it('records the known rows and lists the rest (unknown client, another РИЦ’s client) with their row', async () => {
    const body = {
      observations: [
        { clientId: 'ghost', weekStart: '2026-03-02' },
        { clientId: 'a', weekStart: '2026-03-02', logins: 5 },
        { clientId: 'other-ric', weekStart: '2026-03-02', logins: 5 },
        { clientId: 'ghost', weekStart: '2026-03-09' },
        { clientId: 'c', weekStart: '2026-03-02', logins: 7 },
      ],
    };
    const first = await ledger
      .http()
      .post('/api/v1/usage-observations')
      .set(ros())
      .set('Idempotency-Key', 'week-10')
      .send(body)
      .expect(201);
    expect(first.body).toMatchObject({
      observations: 5,
      recorded: 2,
      position: expect.stringMatching(/^\d+$/),
      rejected: [
        { row: 0, clientId: 'ghost', rule: 'client_not_found' },
        { row: 2, clientId: 'other-ric', rule: 'client_not_found' },
        { row: 3, clientId: 'ghost', rule: 'client_not_found' },
      ],
    });
    // the position answered is the highest of the import: every row is readable after it
    const c = await ledger
      .http()
      .get(`/api/v1/clients/c?minPosition=${first.body.position}`)
      .set(ros())
      .expect(200);
    expect(c.body.clientId).toBe('c');
    const again = await ledger
      .http()
      .post('/api/v1/usage-observations')
      .set(ros())
      .set('Idempotency-Key', 'week-10')
      .send(body)
      .expect(201);
    expect(again.body).toMatchObject({ observations: 5, recorded: 0, position: first.body.position });
    await ledger.http().get('/api/v1/clients/other-ric/history').set(ros()).expect(404);
    const other = await ledger
      .http()
      .get('/api/v1/clients/other-ric/history')
      .set(ledger.auth('ros-9', 'ROS', '555'))
      .expect(200);
    expect(other.body.events.map((e: HistoryEvent) => e.type)).not.toContain('UsageObserved');
  });

  it('takes the CRM’s CSV export: `;` with decimal commas, or `,`; empty cells are absent', async () => {
    const semicolon = [
      '\uFEFFclientId;weekStart;logins;trainedShare;updatesInstalled;portalDepartments;serviceActivity.onlineOrders',
      'a;2026-03-09;;0,8;да;accounting|procurement;4',
      'b;2026-03-09;3;0.5;false;;',
    ].join('\r\n');
    const answer = await ledger
      .http()
      .post('/api/v1/usage-observations')
      .set(ros())
      .set('Content-Type', 'text/csv; charset=utf-8')
      .send(semicolon)
      .expect(201);
    expect(answer.body).toMatchObject({ observations: 2, recorded: 2, rejected: [] });
    const aWeeks = await usageOf('a');
    const a = aWeeks.find((u) => u.weekStart === '2026-03-09')!;
    expect(a).not.toHaveProperty('logins');
    expect(a).toMatchObject({
      trainedShare: 0.8,
      updatesInstalled: true,
      portalDepartments: ['accounting', 'procurement'],
      serviceActivity: expect.objectContaining({ onlineOrders: 4, documentOrders: 0 }),
    });
    const b = (await usageOf('b')).find((u) => u.weekStart === '2026-03-09')!;
    expect(b).toMatchObject({ logins: 3, trainedShare: 0.5, updatesInstalled: false });
    expect(b).not.toHaveProperty('portalDepartments');

    const comma = 'clientId,weekStart,logins,competitor\nc,2026-03-09,0,yes\nghost,2026-03-09,1,no\n';
    const second = await ledger
      .http()
      .post('/api/v1/usage-observations')
      .set(ros())
      .set('Content-Type', 'text/csv')
      .send(comma)
      .expect(201);
    expect(second.body).toMatchObject({
      observations: 2,
      recorded: 1,
      rejected: [{ row: 1, clientId: 'ghost', rule: 'client_not_found' }],
    });
    expect((await usageOf('c')).find((u) => u.weekStart === '2026-03-09')).toMatchObject({
      logins: 0,
      competitor: 'yes',
    });
  });

  it('refuses a CSV with a bad cell or an unknown column naming it, and writes nothing', async () => {
    const badCell = await ledger
      .http()
      .post('/api/v1/usage-observations')
      .set(ros())
      .set('Content-Type', 'text/csv')
      .send('clientId;weekStart;logins\na;2026-03-16;many\nb;2026-03-16;1\n')
      .expect(400);
    expect(new Set(badCell.body.details.map((d: { field: string }) => d.field))).toEqual(
      new Set(['observations.0.logins']),
    );
    const typo = await ledger
      .http()
      .post('/api/v1/usage-observations')
      .set(ros())
      .set('Content-Type', 'text/csv')
      .send('clientId;weekStart;loggins\na;2026-03-16;1\n')
      .expect(400);
    expect(typo.body.details.map((d: { field: string }) => d.field)).toEqual(['csv.loggins']);
    const ragged = await ledger
      .http()
      .post('/api/v1/usage-observations')
      .set(ros())
      .set('Content-Type', 'text/csv')
      .send('clientId;weekStart\na;2026-03-16;1\n')
      .expect(400);
    expect(ragged.body.details[0].field).toBe('csv');
    // «да» in Windows-1251, as Excel's plain CSV writes it
    const cp1251 = Buffer.concat([
      Buffer.from('clientId;weekStart;updatesInstalled\na;2026-03-16;'),
      Buffer.from([0xe4, 0xe0]),
      Buffer.from('\n'),
    ]);
    const legacy = await ledger
      .http()
      .post('/api/v1/usage-observations')
      .set(ros())
      .set('Content-Type', 'text/csv')
      .send(cp1251)
      .expect(400);
    expect(legacy.body.details).toEqual([{ field: 'csv', message: expect.stringContaining('UTF-8') }]);
    expect((await usageOf('b')).map((u) => u.weekStart)).not.toContain('2026-03-16');
  });

  it('takes a body far above the API’s 256 kB on this route only', async () => {
    // 3,000 rows of every field: about 1.2 MB (a week of a РИЦ of 10,000 clients is measured by the bench)
    const row = (i: number) => ({
      clientId: ['a', 'b', 'c'][i % 3],
      weekStart: '2026-01-05',
      // the last row of each client corrects its week; the rows before it repeat one another
      logins: i >= 2997 ? 6 : 1,
      portalRequests: 1,
      hotlineRequests: 2,
      trainedShare: 0.75,
      webinars: 1,
      newsletterClicks: 3,
      videoClicks: 1,
      updatesInstalled: true,
      renewalPeriodStarted: false,
      unreturnedActs: 0,
      competitor: 'no',
      portalDepartments: ['accounting', 'legal'],
      departmentsTrainedBelowHalf: 1,
      seminarCertificates: 2,
      serviceActivity: {
        documentOrders: 1,
        onlineOrders: 2,
        consultingLineRequests: 3,
        selectionOrders: 4,
        trainedUsers: 5,
        onlineDialogRequests: 6,
        personalAccountRegistered: true,
        techSupportRequests: 7,
      },
    });
    const observations = Array.from({ length: 3000 }, (_, i) => row(i));
    expect(JSON.stringify({ observations }).length).toBeGreaterThan(1_000_000);
    const answer = await ledger
      .http()
      .post('/api/v1/usage-observations')
      .set(ros())
      .send({ observations })
      .expect(201);
    // rows of one client run in file order: per client the first row records, its repeats
    // record nothing, and the last row (logins 6) records the correction
    expect(answer.body).toMatchObject({ observations: 3000, recorded: 6, rejected: [] });
    const weekOfA = (await usageOf('a')).filter((u) => u.weekStart === '2026-01-05');
    expect(weekOfA.map((u) => u.logins)).toEqual([1, 6]);
    const elsewhere = await ledger
      .http()
      .post('/api/v1/clients')
      .set(ros())
      .send({ ...clientBody('big'), name: 'x'.repeat(300_000) })
      .expect(413);
    expect(elsewhere.status).toBe(413);
  }, 120_000);
});

describe('contact persons subscribed to the newsletter', () => {
  let ledger: TestLedger;
  const kpp = () => ledger.auth('kpp-1', 'KPP');
  beforeAll(async () => {
    ledger = await startTestLedger();
    await ledger
      .http()
      .post('/api/v1/clients')
      .set(ledger.auth('ros-1', 'ROS'))
      .send(clientBody('n'))
      .expect(201);
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('records subscribedToNewsletter when a person is added and changed, and refuses a non-boolean', async () => {
    await ledger
      .http()
      .post('/api/v1/clients/n/contact-persons')
      .set(kpp())
      .send({ contactPersonId: 'p1', name: 'Иванова', roles: ['key_user'], subscribedToNewsletter: true })
      .expect(201);
    await ledger
      .http()
      .post('/api/v1/clients/n/contact-persons/p1')
      .set(kpp())
      .send({ subscribedToNewsletter: false })
      .expect(201);
    const bad = await ledger
      .http()
      .post('/api/v1/clients/n/contact-persons')
      .set(kpp())
      .send({ name: 'X', roles: ['payer'], subscribedToNewsletter: 'yes' })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['subscribedToNewsletter']);
    const history = await ledger.http().get('/api/v1/clients/n/history').set(kpp()).expect(200);
    const persons = (history.body.events as HistoryEvent[]).filter((e) => e.type.startsWith('ContactPerson'));
    expect(persons.map((e) => [e.type, e.data.subscribedToNewsletter])).toEqual([
      ['ContactPersonAdded', true],
      ['ContactPersonChanged', false],
    ]);
  });
});
