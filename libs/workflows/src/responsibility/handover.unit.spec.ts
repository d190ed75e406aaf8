import { ClientSimulation, KPP, MSK, PM, view } from '@ledger/workflows/testing';

/** A client with the КПП since 1 March 2026, nothing invoiced yet. */
const KPP_CLIENT = () => ClientSimulation.registered(MSK('2026-03-01T09:00:00'));

describe('handover to the ПМ: the 2.8-month debt limit', () => {
  it.each([
    [27900, 2.79, 'KPP'],
    // [001]: the КПП keeps debts «меньше (но не равна) 2,8 мес» — compared exactly, shown rounded
    [27960, 2.8, 'KPP'], // 2.796 months: shown as 2.80, still below 2.8
    [27999, 2.8, 'KPP'], // 2.7999 months
    [27999.99, 2.8, 'KPP'], // one kopeck short
    [27949, 2.79, 'KPP'],
    [28000, 2.8, 'PM'], // exactly 2.8
    [28000.01, 2.8, 'PM'],
  ])('an unpaid %d at fee 10 000 is %d months: %s', (amount, months, role) => {
    const sim = KPP_CLIENT();
    const events = sim.run({ type: 'IssueInvoice', invoiceId: 'inv-1', amount, issuedOn: '2026-03-01' });
    expect(view(sim)).toMatchObject({ debtMonths: months, responsible: { role } });
    expect(events.some((e) => e.type === 'HandedOverToPM')).toBe(role === 'PM');
  });
});

describe('handover to the ПМ: by the КПП or the ПМ', () => {
  it('hands over on a refused payment date, once', () => {
    const sim = KPP_CLIENT();
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-1', amount: 10000, issuedOn: '2026-03-01' });
    const events = sim.run({ type: 'RefusePaymentDate', comment: 'не называет ни причину, ни дату' }, KPP);
    expect(sim.types(events)).toEqual(['PaymentDateRefused', 'ThreatRaised', 'HandedOverToPM']);
    expect(events[2]).toMatchObject({
      data: { reason: 'payment_date_refused' },
      evidence: [events[0]!.eventId],
    });
    // with the ПМ already: recorded, no second handover
    expect(sim.types(sim.run({ type: 'RefusePaymentDate' }, PM))).toEqual(['PaymentDateRefused']);
  });

  it('lets a ПМ take any client of the РИЦ as a threat', () => {
    const sim = KPP_CLIENT();
    const events = sim.run({ type: 'TakeClientAsThreat', comment: 'конкурент' }, { id: 'pm-7', role: 'PM' });
    expect(sim.types(events)).toEqual(['ThreatRaised', 'HandedOverToPM']);
    expect(events[1]).toMatchObject({
      data: { reason: 'manual', toPmId: 'pm-7', sheet: { kppComment: 'конкурент' } },
    });
    expect(events[1]!.rule).toBeUndefined();
    expect(view(sim).responsible).toEqual({ role: 'PM', employeeId: 'pm-7' });
  });
});
