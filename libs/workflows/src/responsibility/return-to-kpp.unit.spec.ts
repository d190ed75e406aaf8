import { ClientSimulation, MSK, PM, view } from '@ledger/workflows/testing';

describe('SPEC §3.2 worked example 3: back to the КПП after two months paid on time', () => {
  /** With the ПМ since March: 2.8 months reached by the March invoices. */
  const withPmSinceMarch = () => {
    const sim = ClientSimulation.registered(MSK('2026-03-01T09:00:00'));
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-feb', amount: 18000, issuedOn: '2026-02-01' });
    const handover = sim.run({
      type: 'IssueInvoice',
      invoiceId: 'inv-mar',
      amount: 10000,
      issuedOn: '2026-03-01',
    });
    expect(handover.map((e) => e.type)).toEqual(['InvoiceIssued', 'ThreatRaised', 'HandedOverToPM']);
    expect(handover[2]).toMatchObject({
      data: { reason: 'debt_limit_reached' },
      evidence: [handover[0]!.eventId],
    });
    sim.at(MSK('2026-04-01T08:00:00'));
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-apr', amount: 10000, issuedOn: '2026-04-01' });
    sim.at(MSK('2026-04-02T10:00:00'));
    sim.run(
      {
        type: 'RecordPaymentPromise',
        promiseId: 'apr',
        promisedOn: '2026-04-10',
        amount: 10000,
        remind: false,
      },
      PM,
    );
    return sim;
  };

  it('returns the client on the May payment, paid on its agreed date like April’s', () => {
    const sim = withPmSinceMarch();
    sim.at(MSK('2026-04-10T15:00:00'));
    const april = sim.run(
      { type: 'RecordPayment', paymentId: 'pay-apr', amount: 10000, paidOn: '2026-04-10' },
      PM,
    );
    expect(sim.types(april)).toEqual(['PaymentReceived', 'PaymentPromiseKept', 'DeadlineCancelled']);
    expect(view(sim)).toMatchObject({ debtMonths: 2.8, onTimeMonthsInRow: 1, responsible: { role: 'PM' } });

    sim.at(MSK('2026-05-01T08:00:00'));
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-may', amount: 10000, issuedOn: '2026-05-01' });
    sim.at(MSK('2026-05-04T10:00:00'));
    sim.run(
      {
        type: 'RecordPaymentPromise',
        promiseId: 'may',
        promisedOn: '2026-05-15',
        amount: 28000,
        remind: false,
      },
      PM,
    );
    sim.at(MSK('2026-05-15T12:00:00'));
    const may = sim.run(
      { type: 'RecordPayment', paymentId: 'pay-may', amount: 28000, paidOn: '2026-05-15' },
      PM,
    );
    expect(sim.types(may)).toEqual([
      'PaymentReceived',
      'PaymentPromiseKept',
      'DeadlineCancelled',
      'ThreatResolved',
      'ReturnedToKPP',
    ]);
    expect(may[4]).toMatchObject({
      data: { fromPmId: 'pm-1', toKppId: 'kpp-1', debtMonths: 1, onTimeMonthsInRow: 2 },
      rule: 'receivables.threat_lifted',
    });
    expect(view(sim)).toMatchObject({
      debtMonths: 1,
      responsible: { role: 'KPP', employeeId: 'kpp-1' },
      openThreats: [],
    });
  });

  it('with the April payment on 14 April instead, returns only after May and June are paid on their dates', () => {
    const sim = withPmSinceMarch();
    expect(sim.types(sim.at(MSK('2026-04-11T00:00:00')))).toEqual(['DeadlineFired', 'PaymentPromiseBroken']);
    sim.at(MSK('2026-04-14T12:00:00'));
    const late = sim.run(
      { type: 'RecordPayment', paymentId: 'pay-apr', amount: 10000, paidOn: '2026-04-14' },
      PM,
    );
    expect(sim.types(late)).toEqual(['PaymentReceived']); // dated after the agreed day: no correction

    sim.at(MSK('2026-05-01T08:00:00'));
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-may', amount: 10000, issuedOn: '2026-05-01' });
    sim.run(
      {
        type: 'RecordPaymentPromise',
        promiseId: 'may',
        promisedOn: '2026-05-15',
        amount: 28000,
        remind: false,
      },
      PM,
    );
    sim.at(MSK('2026-05-15T12:00:00'));
    const may = sim.run(
      { type: 'RecordPayment', paymentId: 'pay-may', amount: 28000, paidOn: '2026-05-15' },
      PM,
    );
    expect(sim.types(may)).not.toContain('ReturnedToKPP');
    expect(view(sim)).toMatchObject({ debtMonths: 1, onTimeMonthsInRow: 1, responsible: { role: 'PM' } });

    sim.at(MSK('2026-06-01T08:00:00'));
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-jun', amount: 10000, issuedOn: '2026-06-01' });
    sim.run(
      {
        type: 'RecordPaymentPromise',
        promiseId: 'jun',
        promisedOn: '2026-06-10',
        amount: 10000,
        remind: false,
      },
      PM,
    );
    sim.at(MSK('2026-06-10T12:00:00'));
    const june = sim.run(
      { type: 'RecordPayment', paymentId: 'pay-jun', amount: 10000, paidOn: '2026-06-10' },
      PM,
    );
    expect(sim.types(june)).toContain('ReturnedToKPP');
    expect(view(sim)).toMatchObject({ onTimeMonthsInRow: 2, responsible: { role: 'KPP' } });
  });
});
