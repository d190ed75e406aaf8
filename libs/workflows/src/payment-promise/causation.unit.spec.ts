import { ClientSimulation } from '@ledger/workflows/testing';

const MSK = (local: string) => new Date(`${local}+03:00`).toISOString();
const KPP = { id: 'kpp-1', role: 'KPP' } as const;

describe('causation: every event that follows from another names it', () => {
  it('links a promise, its deadlines, their firing and the breach', () => {
    const sim = ClientSimulation.registered(MSK('2026-03-02T09:00:00'));
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-1', amount: 15000, issuedOn: '2026-03-01' });
    const [recorded, reminderSet, dueSet] = sim.run(
      { type: 'RecordPaymentPromise', promiseId: 'p1', promisedOn: '2026-03-20', remind: true },
      KPP,
    );
    expect(recorded!.causationId).toBeUndefined(); // the command caused it
    expect(reminderSet!.causationId).toBe(recorded!.eventId);
    expect(dueSet!.causationId).toBe(recorded!.eventId);

    const [firedReminder, reminderDue] = sim.at(MSK('2026-03-19T00:00:00'));
    expect(firedReminder).toMatchObject({
      type: 'DeadlineFired',
      causationId: reminderSet!.eventId,
      rule: 'deadlines.due',
      evidence: [reminderSet!.eventId],
    });
    expect(reminderDue).toMatchObject({ type: 'PaymentReminderDue', causationId: firedReminder!.eventId });

    const [firedDue, broken] = sim.at(MSK('2026-03-21T00:00:00'));
    expect(firedDue).toMatchObject({ type: 'DeadlineFired', causationId: dueSet!.eventId });
    expect(broken).toMatchObject({ type: 'PaymentPromiseBroken', causationId: firedDue!.eventId });
  });

  it('gives a cancelled deadline its rule and evidence', () => {
    const sim = ClientSimulation.registered(MSK('2026-03-02T09:00:00'));
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-1', amount: 15000, issuedOn: '2026-03-01' });
    const [recorded] = sim.run(
      { type: 'RecordPaymentPromise', promiseId: 'p1', promisedOn: '2026-03-20', remind: true },
      KPP,
    );
    const paid = sim.run(
      { type: 'RecordPayment', paymentId: 'pay-1', amount: 15000, paidOn: '2026-03-02' },
      KPP,
    );
    const cancelled = paid.filter((e) => e.type === 'DeadlineCancelled');
    expect(cancelled).toHaveLength(2);
    for (const e of cancelled) {
      expect(e).toMatchObject({
        rule: 'receivables.promise_covered_in_time',
        evidence: [recorded!.eventId, paid[0]!.eventId],
        causationId: paid[0]!.eventId,
      });
    }
  });
});
