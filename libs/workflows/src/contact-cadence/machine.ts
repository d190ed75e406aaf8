import { and, setup } from 'xstate';
import { noop } from '../shared/actions';

/**
 * Planned contacts from a service point's cadence [001][003]. A period's start plans its contact
 * and sets its boundary; at the boundary, a contact that never happened is missed and an unplanned
 * `no_planned_contact` takes its place — unless it was never owed (hidden by diagnostic weeks) —
 * and then the next period starts. The boundary is one timer (ADR 0095): the workflow signals
 * PERIOD_ENDED for the period it closes and PERIOD_STARTED for the next, in that order.
 */
export type CadenceMachineEvent =
  | { type: 'PERIOD_STARTED' }
  | { type: 'PERIOD_ENDED'; contactOpen: boolean; owed: boolean }
  | { type: 'SERVICE_POINT_ADDED' };

export type CadenceActionType =
  'planContact' | 'setBoundary' | 'emitMissed' | 'planUnplanned' | 'emitNotOwed' | 'startServicePoint';

const actions = {
  planContact: noop,
  setBoundary: noop,
  emitMissed: noop,
  planUnplanned: noop,
  emitNotOwed: noop,
  startServicePoint: noop,
} satisfies Record<CadenceActionType, typeof noop>;

export const cadenceMachine = setup({
  types: { events: {} as CadenceMachineEvent },
  actions,
  guards: {
    contactOpen: ({ event }) => event.type === 'PERIOD_ENDED' && event.contactOpen,
    owed: ({ event }) => event.type === 'PERIOD_ENDED' && event.owed,
  },
}).createMachine({
  id: 'contactCadence',
  initial: 'served',
  // a period's end is judged whether or not the client is still served
  on: {
    PERIOD_ENDED: [
      { guard: and(['contactOpen', 'owed']), actions: ['emitMissed', 'planUnplanned'] },
      { guard: 'contactOpen', actions: ['emitNotOwed'] },
    ],
  },
  states: {
    served: {
      on: {
        PERIOD_STARTED: { actions: ['planContact', 'setBoundary'] },
        SERVICE_POINT_ADDED: { actions: ['startServicePoint'] },
      },
    },
    /** Off remote service: no new period is planned. */
    off: {},
  },
});
