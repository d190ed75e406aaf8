import { TestLedger, clientBody, startTestLedger } from '@ledger/test-support';

describe('Idempotency-Key belongs to the caller', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger({ clockStart: '2026-03-10T09:00:00+03:00' });
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('gives another user of the РИЦ with the same key and body an answer of their own', async () => {
    const first = ledger.auth('ros-1', 'ROS');
    const second = ledger.auth('ros-2', 'ROS');
    await ledger.http().post('/api/v1/clients').set(first).send(clientBody('shared-key')).expect(201);
    await ledger
      .http()
      .post('/api/v1/clients/shared-key/invoices')
      .set(first)
      .send({ invoiceId: 'i', amount: 20000, issuedOn: '2026-03-01' })
      .expect(201);
    const pay = (who: { Authorization: string }) =>
      ledger
        .http()
        .post('/api/v1/clients/shared-key/payments')
        .set(who)
        .set('Idempotency-Key', 'line-1')
        .send({ paymentId: 'p1', amount: 1000, paidOn: '2026-03-10' });

    const paid = await pay(first).expect(201);
    expect((await pay(first).expect(201)).body).toEqual(paid.body);
    // decided for ros-2 itself: the payment is there already
    const other = await pay(second).expect(409);
    expect(other.body.rule).toBe('payment_already_recorded');
  });
});
