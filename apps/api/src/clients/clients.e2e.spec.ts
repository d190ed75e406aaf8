import { TestLedger, clientBody, startTestLedger } from '@ledger/test-support';

describe('clients over HTTP', () => {
  let ledger: TestLedger;
  const ros = () => ledger.auth('ros-1', 'ROS');

  // no test moves the clock (it is the system's), and each registers its own clients: one ledger for all
  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(async () => {
    await ledger.close();
  });

  describe('POST /api/v1/clients', () => {
    it('registers a client and answers streamVersion and position', async () => {
      const res = await ledger
        .http()
        .post('/api/v1/clients')
        .set(ros())
        .send(clientBody('c-reg'))
        .expect(201);
      expect(res.body).toEqual({
        clientId: 'c-reg',
        streamVersion: 1,
        position: expect.stringMatching(/^\d+$/),
      });

      const view = await ledger
        .http()
        .get(`/api/v1/clients/c-reg?minPosition=${res.body.position}`)
        .set(ledger.auth('kpp-1', 'KPP'))
        .expect(200);
      expect(view.body).toMatchObject({
        clientId: 'c-reg',
        ric: '444',
        name: 'Клиент c-reg',
        lifecycle: 'candidate',
        responsible: { role: 'KPP', employeeId: 'kpp-1' },
        debtMonths: 0,
        brokenPromisesInRow: 0,
        onTimeMonthsInRow: 0,
        openPromise: null,
        openThreats: [],
      });
    });

    it('applies the defaults: weekly cadence, billing on the 1st', async () => {
      const res = await ledger
        .http()
        .post('/api/v1/clients')
        .set(ros())
        .send(clientBody('c-defaults'))
        .expect(201);
      const view = await ledger
        .http()
        .get(`/api/v1/clients/c-defaults?minPosition=${res.body.position}`)
        .set(ros());
      expect(view.body).toMatchObject({ contactCadence: 'weekly', billingDay: 1 });
    });

    it('answers 400 naming every bad field, and appends nothing', async () => {
      const res = await ledger
        .http()
        .post('/api/v1/clients')
        .set(ros())
        .send({
          clientId: 'c-bad',
          name: '',
          monthlyFee: 100.123,
          category: 'D',
          kppId: 'k 1',
          billingDay: 29,
        })
        .expect(400);
      expect(res.body.error).toEqual(expect.any(String));
      const fields = res.body.details.map((d: { field: string }) => d.field).sort();
      expect(fields).toEqual(['billingDay', 'category', 'kppId', 'monthlyFee', 'name', 'pmId']);
      await ledger.http().get('/api/v1/clients/c-bad/history').set(ros()).expect(404);
    });

    it.each([
      ['a negative fee', { monthlyFee: -1 }, 'monthlyFee'],
      ['a fee of 10^12', { monthlyFee: 1e12 }, 'monthlyFee'],
      ['a fee as a string', { monthlyFee: '10000' }, 'monthlyFee'],
      ['an id over 100 characters', { clientId: 'x'.repeat(101) }, 'clientId'],
      ['a name over 500 characters', { name: 'я'.repeat(501) }, 'name'],
      ['an unknown cadence', { contactCadence: 'daily' }, 'contactCadence'],
      ['an inn of 11 digits', { inn: '12345678901' }, 'inn'],
    ])('refuses %s', async (_, override, field) => {
      const res = await ledger
        .http()
        .post('/api/v1/clients')
        .set(ros())
        .send({ ...clientBody('c-edge'), ...override })
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('answers 400 for a body that is not JSON, and 413 for one too large', async () => {
      const bad = await ledger
        .http()
        .post('/api/v1/clients')
        .set(ros())
        .set('Content-Type', 'application/json')
        .send('{"clientId":')
        .expect(400);
      expect(bad.body.error).toMatch(/JSON/);
      await ledger
        .http()
        .post('/api/v1/clients')
        .set(ros())
        .send({ ...clientBody('c-huge'), name: 'x'.repeat(300_000) })
        .expect(413);
    });

    it('refuses a second registration of the same client with 409 and a rule', async () => {
      await ledger.http().post('/api/v1/clients').set(ros()).send(clientBody('c-twice')).expect(201);
      const res = await ledger
        .http()
        .post('/api/v1/clients')
        .set(ros())
        .send(clientBody('c-twice'))
        .expect(409);
      expect(res.body).toEqual({ error: expect.any(String), rule: 'client_already_registered' });
      const history = await ledger.http().get('/api/v1/clients/c-twice/history').set(ros()).expect(200);
      expect(history.body.events).toHaveLength(1);
    });

    it('lets exactly one of two racing registrations of one client through', async () => {
      const results = await Promise.all(
        [1, 2, 3].map(() => ledger.http().post('/api/v1/clients').set(ros()).send(clientBody('c-race'))),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      const history = await ledger.http().get('/api/v1/clients/c-race/history').set(ros()).expect(200);
      expect(history.body.events).toHaveLength(1);
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a repeat with the first answer and appends nothing', async () => {
      const first = await ledger
        .http()
        .post('/api/v1/clients')
        .set(ros())
        .set('Idempotency-Key', 'reg-c-idem')
        .send(clientBody('c-idem'))
        .expect(201);
      const again = await ledger
        .http()
        .post('/api/v1/clients')
        .set(ros())
        .set('Idempotency-Key', 'reg-c-idem')
        .send(clientBody('c-idem'))
        .expect(201);
      expect(again.body).toEqual(first.body);
      const history = await ledger.http().get('/api/v1/clients/c-idem/history').set(ros());
      expect(history.body.events).toHaveLength(1);
    });

    it('treats the same body with its fields in another order as the same request', async () => {
      const body = clientBody('c-idem-order');
      const reversed = Object.fromEntries(Object.entries(body).reverse());
      const first = await ledger
        .http()
        .post('/api/v1/clients')
        .set(ros())
        .set('Idempotency-Key', 'k-order')
        .send(body);
      const again = await ledger
        .http()
        .post('/api/v1/clients')
        .set(ros())
        .set('Idempotency-Key', 'k-order')
        .send(reversed);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
    });

    it('refuses the same key with a different body: 409 idempotency_key_reused', async () => {
      await ledger
        .http()
        .post('/api/v1/clients')
        .set(ros())
        .set('Idempotency-Key', 'k-reused')
        .send(clientBody('c-k1'));
      const res = await ledger
        .http()
        .post('/api/v1/clients')
        .set(ros())
        .set('Idempotency-Key', 'k-reused')
        .send(clientBody('c-k2'))
        .expect(409);
      expect(res.body.rule).toBe('idempotency_key_reused');
      await ledger.http().get('/api/v1/clients/c-k2/history').set(ros()).expect(404);
    });

    it('appends once when the same keyed command races itself', async () => {
      const results = await Promise.all(
        [1, 2, 3, 4].map(() =>
          ledger
            .http()
            .post('/api/v1/clients')
            .set(ros())
            .set('Idempotency-Key', 'k-race')
            .send(clientBody('c-krace')),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(results.map((r) => r.body.position)).size).toBe(1);
      const history = await ledger.http().get('/api/v1/clients/c-krace/history').set(ros());
      expect(history.body.events).toHaveLength(1);
    });
  });

  describe('history and state', () => {
    it('shows every event with its metadata, and cuts it at a recording instant', async () => {
      const before = new Date().toISOString();
      await ledger.http().post('/api/v1/clients').set(ros()).send(clientBody('c-hist')).expect(201);
      const res = await ledger
        .http()
        .get('/api/v1/clients/c-hist/history')
        .set(ledger.auth('rkpp-1', 'RKPP'))
        .expect(200);
      expect(res.body.events).toEqual([
        {
          position: expect.stringMatching(/^\d+$/),
          streamVersion: 1,
          type: 'ClientRegistered',
          data: expect.objectContaining({ clientId: 'c-hist', ric: '444' }),
          metadata: expect.objectContaining({
            eventId: expect.any(String),
            ric: '444',
            actor: { id: 'ros-1', role: 'ROS' },
            occurredAt: expect.any(String),
            recordedAt: expect.any(String),
            correlationId: expect.any(String),
            causationId: expect.any(String),
            schemaVersion: 2, // ClientRegistered v2: cadence and billing day (eventstore upcasting)
          }),
        },
      ]);
      const cut = await ledger
        .http()
        .get(
          `/api/v1/clients/c-hist/history?until=${encodeURIComponent(new Date(Date.parse(before) - 1000).toISOString())}`,
        )
        .set(ros())
        .expect(200);
      expect(cut.body.events).toEqual([]);
    });

    it('replays the state as of an instant: not yet registered before, registered after', async () => {
      const before = new Date(Date.now() - 1000).toISOString();
      await ledger.http().post('/api/v1/clients').set(ros()).send(clientBody('c-state')).expect(201);
      await ledger
        .http()
        .get(`/api/v1/clients/c-state/state?at=${encodeURIComponent(before)}`)
        .set(ros())
        .expect(404);
      const now = await ledger.http().get('/api/v1/clients/c-state/state').set(ros()).expect(200);
      expect(now.body).toMatchObject({
        clientId: 'c-state',
        lifecycle: 'candidate',
        responsible: { role: 'KPP' },
      });
    });

    it('answers 400 for an instant that is not one', async () => {
      await ledger.http().post('/api/v1/clients').set(ros()).send(clientBody('c-state-at')).expect(201);
      const res = await ledger
        .http()
        .get('/api/v1/clients/c-state-at/state?at=yesterday')
        .set(ros())
        .expect(400);
      expect(res.body.details).toEqual([{ field: 'at', message: expect.any(String) }]);
    });

    it('answers 404 for an unknown client', async () => {
      await ledger.http().get('/api/v1/clients/nobody').set(ros()).expect(404);
      await ledger.http().get('/api/v1/clients/nobody/history').set(ros()).expect(404);
      await ledger.http().get('/api/v1/clients/nobody/state').set(ros()).expect(404);
    });
  });

  describe('read-your-writes', () => {
    it('answers 503 with Retry-After when the projections do not reach minPosition in time', async () => {
      await ledger.http().post('/api/v1/clients').set(ros()).send(clientBody('c-wait')).expect(201);
      const res = await ledger
        .http()
        .get('/api/v1/clients/c-wait?minPosition=999999999')
        .set(ros())
        .expect(503);
      expect(res.headers['retry-after']).toBe('1');
    });

    it('refuses a minPosition that is not a position', async () => {
      await ledger.http().post('/api/v1/clients').set(ros()).send(clientBody('c-minpos')).expect(201);
      const res = await ledger.http().get('/api/v1/clients/c-minpos?minPosition=abc').set(ros()).expect(400);
      expect(res.body.details[0].field).toBe('minPosition');
    });
  });
});
