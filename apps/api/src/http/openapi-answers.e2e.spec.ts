import type { OpenAPIObject } from '@nestjs/swagger';
import { TestLedger, clientBody, startTestLedger, usageWeek } from '@ledger/test-support';
import { Operation, mismatches, operationFor, operationsOf } from '../testing/openapi';

const MSK = (local: string) => new Date(`${local}+03:00`).toISOString();

/**
 * The document tells the truth: the service's real answers — successes of every GET and of the
 * commands, and each kind of error — fit the schemas the document gives for them.
 */
describe('the OpenAPI document against the answers the service gives', () => {
  let ledger: TestLedger;
  let document: OpenAPIObject;
  let operations: Operation[];
  let last = '0';
  const ros = () => ledger.auth('ros-1', 'ROS');
  const kpp = (id = 'kpp-1') => ledger.auth(id, 'KPP');
  const admin = () => ledger.auth('admin-1', 'ADMIN');
  const counts = { arrays: 0 };

  /** The body fits the schema the document gives for this method, path and status. */
  const fits = (method: string, path: string, status: number, body: unknown) => {
    const operation = operationFor(operations, method, path);
    if (!operation) throw new Error(`${method} ${path}: not in the document`);
    const answer = operation.responses[String(status)];
    if (!answer) throw new Error(`${operation.operationId}: ${status} is not documented`);
    return mismatches(document, answer.content?.['application/json']?.schema, body, '$', counts);
  };
  const post = async (path: string, body: unknown, auth = ros(), status = 201) => {
    const res = await ledger
      .http()
      .post(`/api/v1${path}`)
      .set(auth)
      .send(body as object);
    expect({ path, status: res.status, body: res.body }).toMatchObject({ status });
    if (status === 201) last = res.body.position;
    expect(fits('post', `/api/v1${path}`, status, res.body)).toEqual([]);
    return res.body;
  };

  beforeAll(async () => {
    ledger = await startTestLedger({ clockStart: MSK('2026-03-20T18:00:00') });
    document = (await ledger.http().get('/docs/openapi.json').expect(200)).body;
    operations = operationsOf(document);
  });
  afterAll(() => ledger.close());

  it('commands answer what their 201 says', async () => {
    await post('/clients', clientBody('c-1', { inn: '7701234567' }));
    await post('/clients', clientBody('c-2'));
    await post('/clients/c-1/contact-persons', {
      contactPersonId: 'cp-1',
      name: 'Иванова Анна',
      roles: ['payer'],
      phones: ['+7 900 111-11-11'],
    });
    await post('/clients/c-1/invoices', { invoiceId: 'inv-1', amount: 10000, issuedOn: '2026-03-01' });
    await post('/clients/c-2/invoices', { invoiceId: 'inv-2', amount: 10000, issuedOn: '2026-03-01' });
    await post('/clients/c-1/payments', { paymentId: 'pay-1', amount: 4000, paidOn: '2026-03-10' });
    await post('/clients/c-1/payment-promises', { promisedOn: '2026-03-25', remind: true }, kpp());
    const { contactId } = await post(
      '/clients/c-1/contacts',
      { kind: 'unplanned', reason: 'unpaid_invoice', plannedAt: MSK('2026-03-20T10:00:00') },
      kpp(),
    );
    await post(
      `/clients/c-1/contacts/${contactId}/attempts`,
      { outcome: 'connected', occurredAt: MSK('2026-03-20T10:05:00'), durationSec: 300 },
      kpp(),
    );
    await post(`/clients/c-1/contacts/${contactId}/close`, { closingReason: 'payment_work' }, kpp());
    await post(
      `/clients/c-1/contacts/${contactId}/reviews`,
      { sheet: 'payment', scores: { invoice_received: 2, payment_date: 2, next_call: 1, broken_date: 0 } },
      ledger.auth('rkpp-1', 'RKPP'),
    );
    await post('/usage-observations', {
      observations: [
        usageWeek('2026-03-16', { clientId: 'c-1' }),
        usageWeek('2026-03-16', { clientId: 'ghost' }),
      ],
    });
    await post('/clients/c-2/handovers', { comment: 'не платят' }, kpp());
  });

  it('every GET answers what its 200 says', async () => {
    const queue = await ledger
      .http()
      .get(`/api/v1/queues/pm/pm-1?minPosition=${last}`)
      .set(admin())
      .expect(200);
    const threatId = queue.body.items.find((i: { kind: string }) => i.kind === 'threat')?.threatId;
    expect(threatId).toEqual(expect.any(String));
    const ids: Record<string, string> = { clientId: 'c-1', threatId };
    const reads = operations.filter(
      (o) => o.method === 'get' && o.path.startsWith('/api/v1/') && !o.path.endsWith('/health'),
    );
    const problems: string[] = [];
    for (const read of reads) {
      const params = new Set((read.parameters ?? []).map((p) => p.name));
      const path = read.path
        .replace('{employeeId}', read.path.includes('/pm/') ? 'pm-1' : 'kpp-1')
        .replace('{clientId}', read.path.includes('handover-sheets') ? 'c-2' : 'c-1')
        .replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!);
      const query = [
        `minPosition=${last}`,
        ...(params.has('to') ? ['from=2026-03-01', 'to=2026-03-31'] : []),
        ...(params.has('date') ? ['date=2026-03-20'] : []),
      ].join('&');
      const res = await ledger.http().get(`${path}?${query}`).set(admin());
      if (res.status !== 200) problems.push(`${read.operationId}: ${res.status} ${JSON.stringify(res.body)}`);
      else problems.push(...fits('get', path, 200, res.body).map((p) => `${read.operationId} ${p}`));
    }
    expect(problems).toEqual([]);
    expect(reads.length).toBeGreaterThanOrEqual(26);
    // items were there to check, not only empty lists
    expect(counts.arrays).toBeGreaterThan(40);
  });

  it('errors answer what their 400, 401, 403, 404, 409 and 413 say', async () => {
    const bad = await post('/clients/c-1/payments', { amount: -1 }, ros(), 400);
    expect(bad.details.length).toBeGreaterThan(0);
    const anonymous = await ledger.http().get('/api/v1/clients/c-1').expect(401);
    expect(fits('get', '/api/v1/clients/c-1', 401, anonymous.body)).toEqual([]);
    await post('/clients', clientBody('c-3'), kpp(), 403);
    const stranger = await post(
      '/clients/c-1/contacts',
      { kind: 'unplanned', reason: 'unpaid_invoice', plannedAt: MSK('2026-03-20T10:00:00') },
      kpp('kpp-2'),
      403,
    );
    expect(stranger.rule).toBe('not_assigned');
    const unknown = await ledger.http().get('/api/v1/clients/nobody').set(ros()).expect(404);
    expect(fits('get', '/api/v1/clients/nobody', 404, unknown.body)).toEqual([]);
    expect(
      (
        await post(
          '/clients/nobody/payments',
          { paymentId: 'p', amount: 1, paidOn: '2026-03-10' },
          ros(),
          404,
        )
      ).rule,
    ).toBe('client_not_found');
    const again = await post(
      '/clients/c-1/payments',
      { paymentId: 'pay-1', amount: 4000, paidOn: '2026-03-10' },
      ros(),
      409,
    );
    expect(again.rule).toBe('payment_already_recorded');
    const huge = await ledger
      .http()
      .post('/api/v1/clients')
      .set(ros())
      .send({ ...clientBody('c-huge'), name: 'x'.repeat(300_000) })
      .expect(413);
    expect(fits('post', '/api/v1/clients', 413, huge.body)).toEqual([]);
  });
});
