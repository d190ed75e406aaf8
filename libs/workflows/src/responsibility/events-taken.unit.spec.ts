import { transition } from 'xstate';
import { toKopecks } from '@ledger/domain';
import { ResponsibilityEvent, responsibilityMachine } from './machine';

/**
 * The workflow skips the machine for an event its state does not take (workflow.ts, `TAKEN`). That
 * is sound only if such an event never moves the machine nor acts, whatever it carries: checked
 * here for every event type in every state, with data that would pass each guard.
 */
const debt = { unpaid: toKopecks(1_000_000), monthlyFee: toKopecks(10_000) };
const noDebt = { unpaid: toKopecks(0), monthlyFee: toKopecks(10_000) };
const EVENTS: ResponsibilityEvent[] = [
  { type: 'PAYMENT_DATE_REFUSED' },
  { type: 'PROMISE_RECORDED', projectedDebt: debt },
  { type: 'PROMISE_BROKEN', brokenPromisesInRow: 5 },
  { type: 'DEBT_CHANGED', debt },
  { type: 'SETTLEMENT_CHANGED', debt: noDebt, onTimeMonthsInRow: 12 },
];

describe('responsibility machine: an event its state does not take changes nothing', () => {
  const cases = (['kpp', 'pm'] as const).flatMap((value) =>
    EVENTS.map((event) => [value, event.type, event] as const),
  );

  it.each(cases)('in %s, %s', (value, _type, event) => {
    const taken = responsibilityMachine.states[value]!.events.includes(event.type);
    const [next, actions] = transition(
      responsibilityMachine,
      responsibilityMachine.resolveState({ value, context: {} }),
      event,
    );
    // an event taken here does act with this data (so the check above is not vacuous) …
    if (taken) expect(actions.map((a) => a.type)).not.toEqual([]);
    // … and one not taken neither acts nor moves
    else expect([next.value, actions]).toEqual([value, []]);
  });
});
