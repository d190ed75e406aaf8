import { TestLedger, clientBody, startTestLedger } from '@ledger/test-support';

describe('admin: manual clock and projection rebuild', () => {
  let ledger: TestLedger;
  const admin = () => ledger.auth('admin-1', 'ADMIN');

  beforeAll(async () => {
    ledger = await startTestLedger({ clockStart: '2026-03-10T09:00:00+03:00' });
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('records events at the manual clock’s time and moves it only forwards', async () => {
    await ledger.http().post('/api/v1/clients').set(admin()).send(clientBody('c-clock')).expect(201);
    const history = await ledger.http().get('/api/v1/clients/c-clock/history').set(admin());
    expect(history.body.events[0].metadata.recordedAt).toBe('2026-03-10T06:00:00.000Z');

    const moved = await ledger
      .http()
      .post('/api/v1/admin/clock')
      .set(admin())
      .send({ now: '2026-03-20T00:00:00Z' })
      .expect(201);
    expect(moved.body).toEqual({ now: '2026-03-20T00:00:00.000Z', position: expect.stringMatching(/^\d+$/) });

    const back = await ledger
      .http()
      .post('/api/v1/admin/clock')
      .set(admin())
      .send({ now: '2026-03-01T00:00:00Z' })
      .expect(400);
    expect(back.body.details[0].field).toBe('now');
    const bad = await ledger
      .http()
      .post('/api/v1/admin/clock')
      .set(admin())
      .send({ now: '20 March' })
      .expect(400);
    expect(bad.body.details[0].field).toBe('now');
  });

  it('answers the state as of an instant on the manual clock', async () => {
    await ledger.http().get('/api/v1/clients/c-clock/state?at=2026-03-10T05:59:59Z').set(admin()).expect(404);
    await ledger.http().get('/api/v1/clients/c-clock/state?at=2026-03-10T06:00:00Z').set(admin()).expect(200);
  });

  it('rebuilds a projection to the same rows', async () => {
    for (const id of ['c-r1', 'c-r2', 'c-r3']) {
      await ledger.http().post('/api/v1/clients').set(admin()).send(clientBody(id)).expect(201);
    }
    await ledger.runtime.projector.catchUp();
    const before = await ledger.runtime.readModels.query('SELECT * FROM rm_clients ORDER BY ric, client_id');
    const res = await ledger
      .http()
      .post('/api/v1/admin/projections/clients/rebuild')
      .set(admin())
      .expect(201);
    expect(res.body).toEqual({ projection: 'clients', events: 4 });
    const after = await ledger.runtime.readModels.query('SELECT * FROM rm_clients ORDER BY ric, client_id');
    expect(after).toEqual(before);
    await ledger.http().post('/api/v1/admin/projections/nothing/rebuild').set(admin()).expect(404);
  });

  it('refuses to move the clock when it is not manual', async () => {
    const real = await (await import('@ledger/test-support')).startTestLedger();
    try {
      const res = await real
        .http()
        .post('/api/v1/admin/clock')
        .set(real.auth('admin-1', 'ADMIN'))
        .send({ now: '2030-01-01T00:00:00Z' })
        .expect(409);
      expect(res.body.rule).toBe('clock_not_manual');
    } finally {
      await real.close();
    }
  });
});
