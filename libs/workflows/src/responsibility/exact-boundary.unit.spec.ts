import { toClientView } from '@ledger/domain';
import { ClientSimulation } from '@ledger/workflows/testing';

const MSK = (local: string) => new Date(`${local}+03:00`).toISOString();
const KPP = { id: 'kpp-1', role: 'KPP' } as const;

/** [001]: the КПП keeps a debt «меньше (но не равна) 2,8 мес»; the rules compare exact amounts. */
describe('responsibility at the exact 2.8-month boundary', () => {
  it.each([
    [17960, 'KPP'], // 27 960 ₽ on the agreed day: 2.796 months, shown 2.80
    [17999.99, 'KPP'],
    [18000, 'PM'], // 28 000 ₽: exactly 2.8
  ])('a promise that leaves %d ₽ + the 1 April invoice unpaid on 5 April: %s', (unpaid, role) => {
    const sim = ClientSimulation.registered(MSK('2026-03-01T09:00:00'));
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-1', amount: unpaid, issuedOn: '2026-03-01' });
    sim.at(MSK('2026-03-10T10:00:00'));
    const events = sim.run(
      { type: 'RecordPaymentPromise', promiseId: 'p1', promisedOn: '2026-04-05', remind: false },
      KPP,
    );
    expect(events[0]!.data).toMatchObject({ projectedDebtMonths: 2.8 }); // all three are shown as 2.80
    expect(toClientView(sim.state)!.responsible.role).toBe(role);
    expect(sim.types(events).includes('HandedOverToPM')).toBe(role === 'PM');
  });
});
