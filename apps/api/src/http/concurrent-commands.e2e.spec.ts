import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestLedger, clientBody, startTestLedger } from '@ledger/test-support';

/** A payments import posting in parallel (issue 11): nothing may be refused for the race itself. */
describe('concurrent commands on one client over HTTP', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger({ clockStart: '2026-03-10T09:00:00+03:00' });
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('accepts fifty payments posted at once, and their versions follow one another', async () => {
    const ros = ledger.auth('ros-1', 'ROS');
    await ledger.http().post('/api/v1/clients').set(ros).send(clientBody('import')).expect(201);
    const invoice = await ledger
      .http()
      .post('/api/v1/clients/import/invoices')
      .set(ros)
      .send({ invoiceId: 'i', amount: 100000, issuedOn: '2026-03-01' })
      .expect(201);
    // A real listening server and fifty connections at once, as an import client would open them.
    const server = ledger.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const answers = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const response = await fetch(`http://127.0.0.1:${port}/api/v1/clients/import/payments`, {
          method: 'POST',
          headers: { ...ros, 'Content-Type': 'application/json', 'Idempotency-Key': `import-line-${i}` },
          body: JSON.stringify({ paymentId: `p${i}`, amount: 1000, paidOn: '2026-03-10' }),
        });
        return { status: response.status, body: (await response.json()) as { streamVersion: number } };
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 50 }, () => 201));
    expect(answers.map((a) => a.body.streamVersion).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => invoice.body.streamVersion + 1 + i),
    );
    const history = await ledger.http().get('/api/v1/clients/import/history').set(ros).expect(200);
    const payments = (history.body.events as Array<{ type: string }>).filter(
      (e) => e.type === 'PaymentReceived',
    );
    expect(payments).toHaveLength(50);
  });
});
