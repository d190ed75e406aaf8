import { AnyStateMachine, StateValue, transition } from 'xstate';
import { cadenceMachine } from '../contact-cadence/machine';
import { engagementMachine } from '../engagement/machine';
import { lifecycleMachine } from '../lifecycle/machine';
import { paymentPromiseMachine } from '../payment-promise/machine';
import { pmWorkMachine } from '../pm-work/machine';
import { responsibilityMachine } from '../responsibility/machine';
import { machineAnswer, transitionActions } from './transition';

/** What xstate itself answers, as the workflows read it (type and params of each action). */
function direct(
  machine: AnyStateMachine,
  value: StateValue,
  context: Record<string, unknown>,
  event: object,
) {
  const snapshot = machine.resolveState({ value, context });
  const [, actions] = transition(machine, snapshot, event as never);
  return {
    taken: snapshot.can(event as never),
    actions: actions.map((a) => ({ type: a.type, params: a.params })),
  };
}

const covered = [true, false];
const debt = (unpaid: number) => ({ unpaid, monthlyFee: 1_000_000 });
/** Every machine whose transitions are remembered, each state it has, and the signals it is sent. */
const CASES: Array<{
  machine: AnyStateMachine;
  values: StateValue[];
  contexts: Array<Record<string, unknown>>;
  events: object[];
}> = [
  {
    machine: cadenceMachine,
    values: ['served', 'off'],
    contexts: [{}],
    events: [
      { type: 'PERIOD_STARTED' },
      { type: 'SERVICE_POINT_ADDED' },
      ...covered.flatMap((contactOpen) =>
        covered.map((owed) => ({ type: 'PERIOD_ENDED', contactOpen, owed })),
      ),
    ],
  },
  {
    machine: engagementMachine,
    values: ['served', 'off'],
    contexts: [{}],
    events: covered.map((engaged) => ({ type: 'MONTH_ENDED', engaged })),
  },
  {
    machine: pmWorkMachine,
    values: ['served', 'off'],
    contexts: [{}],
    events: [{ type: 'MONTH_CAME' }, { type: 'HALF_YEAR_CAME' }],
  },
  {
    machine: paymentPromiseMachine,
    values: [
      'new',
      'reminderScheduled',
      'reminderDue',
      'awaitingPayment',
      'followUpDue',
      'kept',
      'corrected',
    ],
    contexts: [{ remind: true }, { remind: false }],
    events: [
      { type: 'RECORDED' },
      { type: 'REMINDER_DAY_CAME' },
      { type: 'REMINDER_DONE' },
      ...covered.map((c) => ({ type: 'PAID_IN_TIME', covered: c })),
      ...covered.map((c) => ({ type: 'AGREED_DAY_ENDED', covered: c })),
    ],
  },
  {
    // params (the handover's reason) and guards on amounts: 2.8 months of 10,000 ₽ is 28,000 ₽
    machine: responsibilityMachine,
    values: ['kpp', 'pm'],
    contexts: [{}],
    events: [
      { type: 'PAYMENT_DATE_REFUSED' },
      ...[2_799_999, 2_800_000].map((unpaid) => ({ type: 'PROMISE_RECORDED', projectedDebt: debt(unpaid) })),
      ...[1, 2].map((n) => ({ type: 'PROMISE_BROKEN', brokenPromisesInRow: n })),
      ...[2_799_999, 2_800_000].map((unpaid) => ({ type: 'DEBT_CHANGED', debt: debt(unpaid) })),
      ...[0, 1, 2].map((months) => ({
        type: 'SETTLEMENT_CHANGED',
        debt: debt(0),
        onTimeMonthsInRow: months,
      })),
    ],
  },
  {
    // nested states, and signals refused (not taken) in most of them
    machine: lifecycleMachine,
    values: [
      'candidate',
      { transferring: 'letterSent' },
      { transferring: 'engineerVisited' },
      'active',
      'escalated',
      'left',
      'returnedToFieldService',
    ],
    contexts: [{}],
    events: [
      ...covered.map((hasDebt) => ({ type: 'LETTER_AND_ROS_CALL', hasDebt })),
      { type: 'FINAL_ENGINEER_VISIT' },
      { type: 'FIRST_REMOTE_CALL' },
      { type: 'LEAVE', to: 'left' },
      { type: 'LEAVE', to: 'returned_to_field_service' },
    ],
  },
];

describe('remembered machine transitions', () => {
  it('answer what xstate answers, for every state, context and signal — asked first and again', () => {
    let compared = 0;
    let withActions = 0;
    let refused = 0;
    for (const { machine, values, contexts, events } of CASES)
      for (const value of values)
        for (const context of contexts)
          for (const event of events) {
            const expected = direct(machine, value, context, event);
            const signal = event as { type: string };
            expect(machineAnswer(machine, value, context, signal)).toEqual(expected);
            expect(machineAnswer(machine, value, context, signal)).toEqual(expected);
            expect(transitionActions(machine, value, context, signal)).toEqual(expected.actions);
            compared += 1;
            if (expected.actions.length > 0) withActions += 1;
            if (!expected.taken) refused += 1;
          }
    // states × contexts × signals: 2×6 + 2×2 + 2×2 + 7×2×7 + 2×10 + 7×6
    expect(compared).toBe(12 + 4 + 4 + 98 + 20 + 42);
    // a good part of them with actions, and some refused, to compare
    expect(withActions).toBeGreaterThan(30);
    expect(refused).toBeGreaterThan(30);
  });

  it('gives the handover its reason as params, and keeps the answers apart per machine', () => {
    const handOver = transitionActions(responsibilityMachine, 'kpp', {}, { type: 'PAYMENT_DATE_REFUSED' });
    expect(handOver).toEqual([{ type: 'handOver', params: { reason: 'payment_date_refused' } }]);
    // the same key asked of another machine is that machine's answer
    const monthCame = { type: 'MONTH_CAME' };
    expect(transitionActions(pmWorkMachine, 'served', {}, monthCame).length).toBeGreaterThan(0);
    expect(transitionActions(cadenceMachine, 'served', {}, monthCame)).toEqual([]);
    expect(Object.isFrozen(handOver) && Object.isFrozen(handOver[0])).toBe(true);
  });
});
