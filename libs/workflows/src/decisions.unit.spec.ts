import { explainDecision, roubles, dayMonth } from '@ledger/domain';
import { moscow } from '@ledger/domain/testing';
import { ClientSimulation, SimulatedEvent } from '@ledger/workflows/testing';

const KPP = { id: 'kpp-1', role: 'KPP' } as const;
const MSK = (local: string) => new Date(`${local}+03:00`).toISOString();

/** Each automatic event of a simulated stream with its sentence, as GET /clients/{id}/decisions gives it. */
function decisions(events: readonly SimulatedEvent[]) {
  const byId = new Map(events.map((e) => [e.eventId, e]));
  const asExplained = (e: SimulatedEvent) => ({
    type: e.type,
    data: e.data as unknown as Record<string, unknown>,
    occurredAt: e.occurredAt ?? e.recordedAt,
  });
  return events
    .filter((e) => e.rule)
    .map((e) => ({
      type: e.type,
      rule: e.rule!,
      explanation: explainDecision(e.rule!, {
        event: asExplained(e),
        evidence: (e.evidence ?? []).map((id) => byId.get(id)!).map(asExplained),
        dateOf: (instant) => moscow.dateOf(new Date(instant)),
      }),
    }));
}

describe('why, in words: SPEC §3.2 worked example 1 read aloud', () => {
  // fee 10 000 ₽, 15 000 ₽ unpaid; a promise for 20 March with a reminder, broken; a second for 27 March, broken
  const sim = ClientSimulation.registered(MSK('2026-03-01T09:00:00'));
  sim.run({ type: 'IssueInvoice', invoiceId: 'inv-1', amount: 15000, issuedOn: '2026-03-01' });
  sim.at(MSK('2026-03-10T10:00:00'));
  sim.run({ type: 'RecordPaymentPromise', promiseId: 'p1', promisedOn: '2026-03-20', remind: true }, KPP);
  sim.at(MSK('2026-03-23T11:00:00'));
  sim.run({ type: 'RecordPaymentPromise', promiseId: 'p2', promisedOn: '2026-03-27', remind: false }, KPP);
  sim.at(MSK('2026-03-28T00:00:00'));
  const said = decisions(sim.events);
  const sentence = (type: string, rule: string) =>
    said.filter((d) => d.type === type && d.rule === rule).map((d) => d.explanation);

  it('says why the client went to the ПМ, with the two agreed days', () => {
    expect(sentence('HandedOverToPM', 'receivables.broken_promises_twice')).toEqual([
      'Передан ПМ: два нарушенных обещания подряд — 20.03 и 27.03',
    ]);
    expect(sentence('ThreatRaised', 'receivables.broken_promises_twice')).toEqual([
      'Угроза: два нарушенных обещания подряд — 20.03 и 27.03',
    ]);
  });

  it('says when the reminder is and why each promise was broken, with the amounts', () => {
    expect(sentence('DeadlineSet', 'receivables.reminder_asked')).toEqual([
      'Назначено напоминание об оплате на 19.03: клиент попросил напомнить (обещание на 20.03)',
    ]);
    expect(sentence('PaymentReminderDue', 'receivables.payment_reminder_due')).toEqual([
      'Пора напомнить об оплате: обещание на 20.03',
    ]);
    // 20 Fri → follow-up by the third working day, Tue 24; 27 Fri → Tue 31
    expect(sentence('PaymentPromiseBroken', 'receivables.promise_not_covered_by_end_of_agreed_day')).toEqual([
      'Обещание на 20.03 нарушено: к концу дня оплачено 0 ₽ из 15 000 ₽; повторный звонок до 24.03',
      'Обещание на 27.03 нарушено: к концу дня оплачено 0 ₽ из 15 000 ₽; повторный звонок до 31.03',
    ]);
  });

  it('has a sentence of its own for every rule that fired (none falls back to the rule code)', () => {
    expect(said.length).toBeGreaterThan(8);
    expect(said.filter((d) => d.explanation.startsWith('Правило'))).toEqual([]);
  });

  it('names an unknown rule as it is', () => {
    expect(
      explainDecision('future.rule', {
        event: { type: 'X', data: {}, occurredAt: '' },
        evidence: [],
        dateOf: (i) => i,
      }),
    ).toBe('Правило future.rule');
  });

  it('writes days and roubles the Russian way', () => {
    expect(dayMonth('2026-03-07')).toBe('07.03');
    expect(roubles(15000)).toBe('15 000 ₽');
    expect(roubles(1234567.5)).toBe('1 234 567,50 ₽');
    expect(roubles(0)).toBe('0 ₽');
  });
});
