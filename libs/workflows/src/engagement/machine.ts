import { not, setup } from 'xstate';
import { noop } from '../shared/actions';

/**
 * Engagement (stage 4 or 5) is owed every calendar month (SPEC §3.1): when a month is over its
 * check fires; a month without engagement makes it overdue, and a client still served is checked
 * again next month.
 */
export type EngagementMachineEvent = { type: 'MONTH_ENDED'; engaged: boolean };

export type EngagementActionType = 'emitOverdue' | 'scheduleNextCheck';

const actions = { emitOverdue: noop, scheduleNextCheck: noop } satisfies Record<
  EngagementActionType,
  typeof noop
>;

export const engagementMachine = setup({
  types: { events: {} as EngagementMachineEvent },
  actions,
  guards: { engaged: ({ event }) => event.engaged },
}).createMachine({
  id: 'engagement',
  initial: 'served',
  states: {
    served: {
      on: {
        MONTH_ENDED: [
          { guard: 'engaged', actions: ['scheduleNextCheck'] },
          { actions: ['emitOverdue', 'scheduleNextCheck'] },
        ],
      },
    },
    /** Off remote service: a check still pending says what the last month owed, and ends there. */
    off: {
      on: { MONTH_ENDED: { guard: not('engaged'), actions: ['emitOverdue'] } },
    },
  },
});
