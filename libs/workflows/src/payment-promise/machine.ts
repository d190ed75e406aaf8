import { setup } from 'xstate';
import { noop } from '../shared/actions';

/**
 * One payment promise (договорённость об оплате):
 * recorded → reminderDue → (awaiting payment) → kept | broken → followUpDue … → corrected.
 * Pure: `transition()` gives the next state and the actions, which the workflow step turns into
 * events to append and deadlines to set or cancel. Never started as an actor, so no timer runs here.
 */
export type PromiseMachineEvent =
  | { type: 'RECORDED' }
  | { type: 'REMINDER_DAY_CAME' }
  | { type: 'REMINDER_DONE' }
  | { type: 'PAID_IN_TIME'; covered: boolean }
  | { type: 'AGREED_DAY_ENDED'; covered: boolean };

export type PromiseActionType =
  | 'setReminderDeadline'
  | 'setDueDeadline'
  | 'cancelDeadlines'
  | 'emitReminderDue'
  | 'emitKept'
  | 'emitBroken'
  | 'emitBreachCorrected';

const actions = {
  setReminderDeadline: noop,
  setDueDeadline: noop,
  cancelDeadlines: noop,
  emitReminderDue: noop,
  emitKept: noop,
  emitBroken: noop,
  emitBreachCorrected: noop,
} satisfies Record<PromiseActionType, typeof noop>;

export const paymentPromiseMachine = setup({
  types: {
    events: {} as PromiseMachineEvent,
    input: {} as { remind: boolean },
    context: {} as { remind: boolean },
  },
  actions,
  guards: {
    covered: ({ event }) => 'covered' in event && event.covered,
    remind: ({ context }) => context.remind,
  },
}).createMachine({
  id: 'paymentPromise',
  context: ({ input }) => ({ remind: input.remind }),
  initial: 'new',
  states: {
    new: {
      on: {
        RECORDED: [
          {
            guard: 'remind',
            target: 'reminderScheduled',
            actions: ['setReminderDeadline', 'setDueDeadline'],
          },
          { target: 'awaitingPayment', actions: ['setDueDeadline'] },
        ],
      },
    },
    reminderScheduled: {
      on: {
        REMINDER_DAY_CAME: { target: 'reminderDue', actions: ['emitReminderDue'] },
        PAID_IN_TIME: { guard: 'covered', target: 'kept', actions: ['emitKept', 'cancelDeadlines'] },
        AGREED_DAY_ENDED: [
          { guard: 'covered', target: 'kept', actions: ['emitKept'] },
          { target: 'followUpDue', actions: ['emitBroken'] },
        ],
      },
    },
    reminderDue: {
      on: {
        REMINDER_DONE: { target: 'awaitingPayment' },
        PAID_IN_TIME: { guard: 'covered', target: 'kept', actions: ['emitKept', 'cancelDeadlines'] },
        AGREED_DAY_ENDED: [
          { guard: 'covered', target: 'kept', actions: ['emitKept'] },
          { target: 'followUpDue', actions: ['emitBroken'] },
        ],
      },
    },
    awaitingPayment: {
      on: {
        PAID_IN_TIME: { guard: 'covered', target: 'kept', actions: ['emitKept', 'cancelDeadlines'] },
        AGREED_DAY_ENDED: [
          { guard: 'covered', target: 'kept', actions: ['emitKept'] },
          { target: 'followUpDue', actions: ['emitBroken'] },
        ],
      },
    },
    /** Broken at the end of the agreed day; a follow-up call is due within three working days. */
    followUpDue: {
      on: {
        // A payment learnt of late but dated on or before the agreed day mends the breach.
        PAID_IN_TIME: { guard: 'covered', target: 'corrected', actions: ['emitBreachCorrected'] },
      },
    },
    kept: { type: 'final' },
    corrected: { type: 'final' },
  },
});

export type PromiseMachineState =
  'new' | 'reminderScheduled' | 'reminderDue' | 'awaitingPayment' | 'followUpDue' | 'kept' | 'corrected';
