import { setup } from 'xstate';
import { noop } from '../shared/actions';

/**
 * The personal manager's regular work [002]: a decision-maker contact every month (an e-mail with
 * top questions and links, then a call) and competitor diagnostics twice a year, for as long as
 * the client is on remote service. Each comes due by a durable deadline and sets the next one.
 */
export type PmWorkMachineEvent = { type: 'MONTH_CAME' } | { type: 'HALF_YEAR_CAME' };

export type PmWorkActionType =
  'emitDecisionMakerDue' | 'scheduleNextMonth' | 'emitCompetitorDiagnosticsDue' | 'scheduleNextHalfYear';

const actions = {
  emitDecisionMakerDue: noop,
  scheduleNextMonth: noop,
  emitCompetitorDiagnosticsDue: noop,
  scheduleNextHalfYear: noop,
} satisfies Record<PmWorkActionType, typeof noop>;

export const pmWorkMachine = setup({
  types: { events: {} as PmWorkMachineEvent },
  actions,
}).createMachine({
  id: 'pmWork',
  initial: 'served',
  states: {
    served: {
      on: {
        MONTH_CAME: { actions: ['emitDecisionMakerDue', 'scheduleNextMonth'] },
        HALF_YEAR_CAME: { actions: ['emitCompetitorDiagnosticsDue', 'scheduleNextHalfYear'] },
      },
    },
    /** Off remote service: nothing more is owed. */
    off: {},
  },
});
