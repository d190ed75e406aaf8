import { randomUUID } from 'node:crypto';
import { TestLedger, clientBody, startTestLedger } from '@ledger/test-support';

describe('admin operations: failed deadlines and parked projections', () => {
  let ledger: TestLedger;
  const admin = () => ledger.auth('admin-1', 'ADMIN');

  beforeAll(async () => {
    ledger = await startTestLedger({ clockStart: '2026-03-10T09:00:00+03:00' });
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('shows a deadline the scheduler gave up on in /health, /metrics and the ADMIN list, and fires it again', async () => {
    // a deadline of a client that does not exist: the domain refuses to fire it, which is final at once
    await ledger.runtime.readModels.query(
      `INSERT INTO rm_deadlines (ric, client_id, deadline_id, kind, due_at, status, set_position)
       VALUES ('444', 'c-ghost', 'promise/p-1/due', 'promise_due', '2026-03-01T00:00:00Z', 'pending', 1)`,
    );
    await ledger.runtime.scheduler.fireDue(ledger.runtime.clock.now());
    const list = await ledger.http().get('/api/v1/admin/deadlines?status=failed').set(admin()).expect(200);
    expect(list.body.deadlines).toEqual([
      expect.objectContaining({
        clientId: 'c-ghost',
        deadlineId: 'promise/p-1/due',
        status: 'failed',
        attempts: 1,
        lastError: expect.any(String),
      }),
    ]);
    const other = await ledger
      .http()
      .get('/api/v1/admin/deadlines')
      .set(ledger.auth('admin-9', 'ADMIN', '555'))
      .expect(200);
    expect(other.body.deadlines).toEqual([]);
    await ledger.http().get('/api/v1/admin/deadlines?status=fired').set(admin()).expect(400);
    await ledger.http().get('/api/v1/admin/deadlines').set(ledger.auth('kpp-1', 'KPP')).expect(403);

    const health = await ledger.http().get('/health').expect(200);
    expect(health.body.info.deadlines).toEqual({ status: 'up', failed: 1, retrying: 0 });
    const metrics = await ledger.http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/ledger_deadlines\{status="failed"\} 1/);

    const again = await ledger
      .http()
      .post('/api/v1/admin/deadlines/refire')
      .set(admin())
      .send({ clientId: 'c-ghost', deadlineId: 'promise/p-1/due' })
      .expect(200);
    expect(again.body).toMatchObject({
      deadlineId: 'promise/p-1/due',
      status: 'failed',
      error: expect.any(String),
    });
    await ledger
      .http()
      .post('/api/v1/admin/deadlines/refire')
      .set(admin())
      .send({ clientId: 'c-ghost', deadlineId: 'nothing' })
      .expect(404);
    await ledger.runtime.readModels.query(`DELETE FROM rm_deadlines WHERE client_id = 'c-ghost'`);
  });

  it('answers a read-your-writes GET at once with a 503 naming a parked projection, until an ADMIN skips the event', async () => {
    await ledger.http().post('/api/v1/clients').set(admin()).send(clientBody('c-park')).expect(201);
    // an event a newer build wrote (a rolling deploy): this build must not pass it by
    const unknown = await ledger.runtime.store.append(
      'client-444-c-park',
      [
        {
          type: 'ClientRenamed',
          data: { name: 'new name' },
          metadata: {
            eventId: randomUUID(),
            ric: '444',
            actor: { id: 'admin-1', role: 'ADMIN' },
            occurredAt: new Date().toISOString(),
            recordedAt: new Date().toISOString(),
            correlationId: randomUUID(),
            causationId: randomUUID(),
            schemaVersion: 1,
          },
        },
      ],
      { expectedVersion: 'any' },
    );
    const started = Date.now();
    for (;;) {
      const res = await ledger
        .http()
        .get(`/api/v1/clients/c-park?minPosition=${unknown.position}`)
        .set(admin());
      // both projections of client events stop at it, each in its own moment
      if (res.status === 503 && /clients .*deadlines|deadlines .*clients/.test(res.body.error)) {
        expect(res.body.error).toContain('clients');
        expect(res.body.error).toContain(`position ${unknown.position}`);
        expect(res.headers['retry-after']).toBeDefined();
        break;
      }
      expect(Date.now() - started).toBeLessThan(5000);
    }
    const quick = Date.now();
    await ledger
      .http()
      .get(`/api/v1/clients/c-park?minPosition=${unknown.position}`)
      .set(admin())
      .expect(503);
    expect(Date.now() - quick).toBeLessThan(1000); // no wait for a projection that will not move
    await ledger.http().get('/api/v1/clients/c-park').set(admin()).expect(200); // without minPosition: as it is

    const health = await ledger.http().get('/health').expect(503);
    const clients = health.body.error.projector.projections.find(
      (p: { name: string }) => p.name === 'clients',
    );
    expect(clients).toMatchObject({
      status: 'parked',
      parkedAt: { position: unknown.position, streamId: 'client-444-c-park', type: 'ClientRenamed' },
    });
    expect((await ledger.http().get('/metrics')).text).toMatch(
      /ledger_projection_parked\{projection="clients"\} 1/,
    );
    const listed = await ledger.http().get('/api/v1/admin/projections').set(admin()).expect(200);
    expect(listed.body.projections.find((p: { name: string }) => p.name === 'clients').status).toBe('parked');

    await ledger
      .http()
      .post('/api/v1/admin/projections/clients/skip')
      .set(admin())
      .send({ position: '1' })
      .expect(409);
    await ledger.http().post('/api/v1/admin/projections/nothing/retry').set(admin()).expect(404);
    // every projection of client events stops there; a retry meets the same event and parks again
    await ledger.http().post('/api/v1/admin/projections/deadlines/retry').set(admin()).expect(200);
    for (const name of ['clients', 'deadlines']) {
      let skipped;
      for (let tries = 0; tries < 100; tries++) {
        skipped = await ledger
          .http()
          .post(`/api/v1/admin/projections/${name}/skip`)
          .set(admin())
          .send({ position: unknown.position, reason: 'written by a build we rolled back' });
        if (skipped.status === 200) break;
        await new Promise((r) => setTimeout(r, 20)); // the retried one parks again in a moment
      }
      expect(skipped!.body).toMatchObject({ projection: name, skipped: { type: 'ClientRenamed' } });
    }
    await ledger
      .http()
      .get(`/api/v1/clients/c-park?minPosition=${unknown.position}`)
      .set(admin())
      .expect(200);
    await ledger.http().get('/health').expect(200);
    await ledger.http().post('/api/v1/admin/projections/clients/retry').set(admin()).expect(409); // not parked
    const entries = await ledger.runtime.readModels.query(
      `SELECT projection, actor, reason FROM rm_projection_audit WHERE action = 'skip' ORDER BY id`,
    );
    expect(entries).toEqual(
      ['clients', 'deadlines'].map((projection) => ({
        projection,
        actor: '444/admin-1',
        reason: 'written by a build we rolled back',
      })),
    );
  });
});
