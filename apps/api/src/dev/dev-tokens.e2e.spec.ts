import { startTestLedger, TestLedger } from '@ledger/test-support';

/** The development sign-in (ADR 0085): only with CLOCK=manual; 404 with the real clock. */
describe('development tokens (POST /api/v1/dev/tokens)', () => {
  describe('with CLOCK=manual', () => {
    let ledger: TestLedger;
    beforeAll(async () => {
      ledger = await startTestLedger({ clockStart: '2026-03-02T07:00:00Z', projector: false });
    });
    afterAll(() => ledger.close());

    it('says it is available, without a token; it is no part of the API’s OpenAPI document', async () => {
      const res = await ledger.http().get('/api/v1/dev/tokens').expect(200);
      expect(res.body).toEqual({ available: true, roles: ['KPP', 'PM', 'RKPP', 'ROS', 'ANALYST', 'ADMIN'] });
      const document = await ledger.http().get('/docs/openapi.json').expect(200);
      expect(Object.keys(document.body.paths).length).toBeGreaterThan(20);
      expect(Object.keys(document.body.paths).filter((path) => path.includes('/dev/'))).toEqual([]);
    });

    it('issues a token for the employee, РИЦ and role asked, which the API then accepts as that caller', async () => {
      const issued = await ledger
        .http()
        .post('/api/v1/dev/tokens')
        .send({ employeeId: 'kpp-7', ric: '555', roles: ['KPP'] })
        .expect(201);
      // 8 hours: AUTH_MAX_TOKEN_TTL's default, the longest the service accepts
      expect(issued.body.expiresIn).toBe(8 * 3600);
      const bearer = { Authorization: `Bearer ${issued.body.token}` };
      const own = await ledger.http().get('/api/v1/queues/kpp/kpp-7').set(bearer).expect(200);
      expect(own.body).toMatchObject({ employeeId: 'kpp-7', items: [] });
      // a КПП: another КПП's planner is refused, and so is a ROS command
      await ledger.http().get('/api/v1/queues/kpp/kpp-1').set(bearer).expect(403);
      await ledger
        .http()
        .post('/api/v1/clients')
        .set(bearer)
        .send({ clientId: 'c-1', name: 'x', monthlyFee: 1, category: 'A', kppId: 'kpp-7', pmId: 'pm-1' })
        .expect(403);
    });

    it('answers 400 naming the field for an unknown role or a missing РИЦ, and issues nothing', async () => {
      const role = await ledger
        .http()
        .post('/api/v1/dev/tokens')
        .send({ employeeId: 'kpp-7', ric: '555', roles: ['BOSS'] })
        .expect(400);
      expect(role.body.details.map((d: { field: string }) => d.field)).toEqual(['roles']);
      expect(role.body.token).toBeUndefined();
      const ric = await ledger
        .http()
        .post('/api/v1/dev/tokens')
        .send({ employeeId: 'kpp-7', roles: ['KPP'] })
        .expect(400);
      expect(ric.body.details.map((d: { field: string }) => d.field)).toEqual(['ric']);
    });
  });

  describe('with the real clock', () => {
    let ledger: TestLedger;
    beforeAll(async () => {
      ledger = await startTestLedger({ projector: false });
    });
    afterAll(() => ledger.close());

    it('does not exist: 404 for both routes, with or without a token', async () => {
      await ledger.http().get('/api/v1/dev/tokens').expect(404);
      const res = await ledger
        .http()
        .post('/api/v1/dev/tokens')
        .send({ employeeId: 'admin', ric: '444', roles: ['ADMIN'] })
        .expect(404);
      expect(res.body.token).toBeUndefined();
      await ledger.http().post('/api/v1/dev/tokens').set(ledger.auth('admin', 'ADMIN')).send({}).expect(404);
    });
  });
});
