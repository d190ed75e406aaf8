import { setup } from 'xstate';
import { BROKEN_PROMISES_TO_HAND_OVER, HandoverReason, isPmDebt, threatLifted } from '@ledger/domain';

/**
 * Who answers for the client's receivables: the КПП, or the ПМ after a handover as a threat (SPEC §3.2).
 * The guards are the rules of libs/domain/src/receivables; this machine says when each applies.
 */
export type ResponsibilityEvent =
  | { type: 'PAYMENT_DATE_REFUSED' }
  | { type: 'PROMISE_RECORDED'; projectedDebtMonths: number }
  | { type: 'PROMISE_BROKEN'; brokenPromisesInRow: number }
  | { type: 'DEBT_CHANGED'; debtMonths: number }
  | { type: 'SETTLEMENT_CHANGED'; debtMonths: number; onTimeMonthsInRow: number };

export type ResponsibilityAction =
  { type: 'handOver'; params: { reason: HandoverReason } } | { type: 'returnToKpp' };

export const responsibilityMachine = setup({
  types: { events: {} as ResponsibilityEvent },
  actions: {
    handOver: (_, _params: { reason: HandoverReason }) => undefined,
    returnToKpp: () => undefined,
  },
  guards: {
    // 2) the agreed day falls when the client would already be a «2,8 месячник»
    promiseBeyondLimit: ({ event }) =>
      event.type === 'PROMISE_RECORDED' && isPmDebt(event.projectedDebtMonths),
    // 3) two promises broken in a row
    brokenTwice: ({ event }) =>
      event.type === 'PROMISE_BROKEN' && event.brokenPromisesInRow >= BROKEN_PROMISES_TO_HAND_OVER,
    // and the debt reaching 2.8 months by itself
    debtLimitReached: ({ event }) => event.type === 'DEBT_CHANGED' && isPmDebt(event.debtMonths),
    // back only when the threat is lifted: below 2.8 and two calendar months in a row paid on time
    threatLifted: ({ event }) =>
      event.type === 'SETTLEMENT_CHANGED' && threatLifted(event.debtMonths, event.onTimeMonthsInRow),
  },
}).createMachine({
  id: 'responsibility',
  initial: 'kpp',
  states: {
    kpp: {
      on: {
        // 1) neither a reason for non-payment nor a payment date
        PAYMENT_DATE_REFUSED: {
          target: 'pm',
          actions: { type: 'handOver', params: { reason: 'payment_date_refused' } },
        },
        PROMISE_RECORDED: {
          guard: 'promiseBeyondLimit',
          target: 'pm',
          actions: { type: 'handOver', params: { reason: 'promise_beyond_limit' } },
        },
        PROMISE_BROKEN: {
          guard: 'brokenTwice',
          target: 'pm',
          actions: { type: 'handOver', params: { reason: 'broken_promises_twice' } },
        },
        DEBT_CHANGED: {
          guard: 'debtLimitReached',
          target: 'pm',
          actions: { type: 'handOver', params: { reason: 'debt_limit_reached' } },
        },
      },
    },
    pm: {
      on: {
        SETTLEMENT_CHANGED: { guard: 'threatLifted', target: 'kpp', actions: ['returnToKpp'] },
      },
    },
  },
});
