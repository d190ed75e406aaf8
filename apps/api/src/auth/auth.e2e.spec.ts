import { JwtService } from '@nestjs/jwt';
import type { Role } from '@ledger/domain';
import { TestLedger, clientBody, startTestLedger } from '@ledger/test-support';

describe('authentication, roles and РИЦ', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger();
    await ledger
      .http()
      .post('/api/v1/clients')
      .set(ledger.auth('ros-1', 'ROS'))
      .send(clientBody('c-444'))
      .expect(201);
    await ledger
      .http()
      .post('/api/v1/clients')
      .set(ledger.auth('ros-9', 'ROS', '555'))
      .send(clientBody('c-555'))
      .expect(201);
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('answers 401 without a token, with a malformed one, and with one signed by another secret', async () => {
    await ledger.http().get('/api/v1/clients/c-444').expect(401);
    await ledger.http().get('/api/v1/clients/c-444').set('Authorization', 'Bearer nonsense').expect(401);
    const forged = new JwtService({ secret: 'another-secret' }).sign({
      sub: 'x',
      ric: '444',
      roles: ['ADMIN'],
    });
    await ledger.http().get('/api/v1/clients/c-444').set('Authorization', `Bearer ${forged}`).expect(401);
  });

  it('answers 401 for an expired token and for one with an unknown role', async () => {
    const jwt = new JwtService({ secret: ledger.runtime.authSecret });
    const expired = jwt.sign({ sub: 'x', ric: '444', roles: ['ROS'] }, { expiresIn: -10 });
    await ledger.http().get('/api/v1/clients/c-444').set('Authorization', `Bearer ${expired}`).expect(401);
    const strange = jwt.sign({ sub: 'x', ric: '444', roles: ['GOD'] });
    await ledger.http().get('/api/v1/clients/c-444').set('Authorization', `Bearer ${strange}`).expect(401);
  });

  it('answers 401 for a token without exp, naming the maximum lifetime', async () => {
    const jwt = new JwtService({ secret: ledger.runtime.authSecret });
    const forever = jwt.sign({ sub: 'x', ric: '444', roles: ['ROS'] });
    const res = await ledger
      .http()
      .get('/api/v1/clients/c-444')
      .set('Authorization', `Bearer ${forever}`)
      .expect(401);
    expect(res.body.error).toBe('the bearer token has no expiry (exp); tokens must expire within 8h');
  });

  it('answers 401 for a token living longer than AUTH_MAX_TOKEN_TTL, and 200 up to it', async () => {
    const jwt = new JwtService({ secret: ledger.runtime.authSecret });
    const claims = { sub: 'x', ric: '444', roles: ['ROS'] };
    const month = jwt.sign(claims, { expiresIn: '30d' });
    const res = await ledger
      .http()
      .get('/api/v1/clients/c-444')
      .set('Authorization', `Bearer ${month}`)
      .expect(401);
    expect(res.body.error).toBe(
      'the bearer token lives 720h, longer than the allowed 8h (AUTH_MAX_TOKEN_TTL)',
    );
    // Without iat the lifetime counts from now.
    const noIat = jwt.sign(
      { ...claims, exp: Math.floor(Date.now() / 1000) + 9 * 3600 },
      { noTimestamp: true },
    );
    await ledger.http().get('/api/v1/clients/c-444').set('Authorization', `Bearer ${noIat}`).expect(401);
    const day = jwt.sign(claims, { expiresIn: '8h' });
    await ledger.http().get('/api/v1/clients/c-444').set('Authorization', `Bearer ${day}`).expect(200);
  });

  it.each<[Role, number]>([
    ['ROS', 201],
    ['ADMIN', 201],
    ['KPP', 403],
    ['PM', 403],
    ['RKPP', 403],
    ['ANALYST', 403],
  ])('registering a client as %s answers %d', async (role, status) => {
    const id = `c-role-${role}`;
    await ledger
      .http()
      .post('/api/v1/clients')
      .set(ledger.auth(`${role}-1`, role))
      .send(clientBody(id))
      .expect(status);
    if (status === 403)
      await ledger.http().get(`/api/v1/clients/${id}/history`).set(ledger.auth('ros-1', 'ROS')).expect(404);
  });

  it.each<Role>(['KPP', 'PM', 'RKPP', 'ROS', 'ANALYST', 'ADMIN'])(
    '%s of the same РИЦ reads a client',
    async (role) => {
      await ledger.http().get('/api/v1/clients/c-444').set(ledger.auth('someone', role)).expect(200);
      await ledger.http().get('/api/v1/clients/c-444/history').set(ledger.auth('someone', role)).expect(200);
    },
  );

  it('never shows a client of another РИЦ: 404 on every read', async () => {
    const other = ledger.auth('ros-1', ['ROS', 'ADMIN'], '444');
    await ledger.http().get('/api/v1/clients/c-555').set(other).expect(404);
    await ledger.http().get('/api/v1/clients/c-555/history').set(other).expect(404);
    await ledger.http().get('/api/v1/clients/c-555/state').set(other).expect(404);
    await ledger
      .http()
      .get('/api/v1/clients/c-555')
      .set(ledger.auth('ros-9', 'ROS', '555'))
      .expect(200);
  });

  it('keeps one РИЦ’s client ids apart from another’s: the same id registers in both', async () => {
    await ledger
      .http()
      .post('/api/v1/clients')
      .set(ledger.auth('ros-1', 'ROS'))
      .send(clientBody('c-shared'))
      .expect(201);
    await ledger
      .http()
      .post('/api/v1/clients')
      .set(ledger.auth('ros-9', 'ROS', '555'))
      .send(clientBody('c-shared', { name: 'другой' }))
      .expect(201);
    const mine = await ledger
      .http()
      .get('/api/v1/clients/c-shared')
      .set(ledger.auth('ros-1', 'ROS'))
      .expect(200);
    expect(mine.body.name).toBe('Клиент c-shared');
  });

  it('lets only ADMIN move the clock or rebuild projections', async () => {
    for (const role of ['KPP', 'PM', 'RKPP', 'ROS', 'ANALYST'] as Role[]) {
      await ledger
        .http()
        .post('/api/v1/admin/clock')
        .set(ledger.auth('x', role))
        .send({ now: '2030-01-01T00:00:00Z' })
        .expect(403);
      await ledger
        .http()
        .post('/api/v1/admin/projections/clients/rebuild')
        .set(ledger.auth('x', role))
        .expect(403);
    }
  });

  it('serves health and the OpenAPI document without a token', async () => {
    const health = await ledger.http().get('/health').expect(200);
    expect(health.body.status).toBe('ok');
    const metrics = await ledger.http().get('/metrics').expect(200);
    expect(metrics.text).toContain('ledger_http_request_duration_seconds_bucket');
    expect(metrics.text).toMatch(/ledger_projection_position\{projection="clients",status="running"\} \d+/);
    const docs = await ledger.http().get('/docs/openapi.json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/clients', '/api/v1/clients/{clientId}']),
    );
  });
});
