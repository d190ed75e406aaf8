import { setup } from 'xstate';
import { BROKEN_PROMISES_TO_HAND_OVER, Debt, HandoverReason, isPmDebt, threatLifted } from '@ledger/domain';

/**
 * Who answers for the client's receivables: the КПП, or the ПМ after a handover as a threat (SPEC §3.2).
 * The guards are the rules of libs/domain/src/receivables; this machine says when each applies.
 * Debts travel as exact amounts: the 2.8-month boundary is compared in kopecks, never rounded.
 */
export type ResponsibilityEvent =
  | { type: 'PAYMENT_DATE_REFUSED' }
  | { type: 'PROMISE_RECORDED'; projectedDebt: Debt }
  | { type: 'PROMISE_BROKEN'; brokenPromisesInRow: number }
  | { type: 'DEBT_CHANGED'; debt: Debt }
  | { type: 'SETTLEMENT_CHANGED'; debt: Debt; onTimeMonthsInRow: number };

export type ResponsibilityActionType = 'handOver' | 'returnToKpp';

export interface HandOverParams {
  reason: HandoverReason;
}

const actions = {
  handOver: (_: unknown, _params: HandOverParams) => undefined,
  returnToKpp: () => undefined,
} satisfies Record<ResponsibilityActionType, unknown>;

export const responsibilityMachine = setup({
  types: { events: {} as ResponsibilityEvent },
  actions,
  guards: {
    // 2) the agreed day falls when the client would already be a «2,8 месячник»
    promiseBeyondLimit: ({ event }) => event.type === 'PROMISE_RECORDED' && isPmDebt(event.projectedDebt),
    // 3) two promises broken in a row
    brokenTwice: ({ event }) =>
      event.type === 'PROMISE_BROKEN' && event.brokenPromisesInRow >= BROKEN_PROMISES_TO_HAND_OVER,
    // and the debt reaching 2.8 months by itself
    debtLimitReached: ({ event }) => event.type === 'DEBT_CHANGED' && isPmDebt(event.debt),
    // back only when the threat is lifted: below 2.8 and two calendar months in a row paid on time
    threatLifted: ({ event }) =>
      event.type === 'SETTLEMENT_CHANGED' && threatLifted(event.debt, event.onTimeMonthsInRow),
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
