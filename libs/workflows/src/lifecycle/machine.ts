import { setup } from 'xstate';
import { noop } from '../shared/actions';

/**
 * A client's lifecycle on remote service (SPEC §3.1, [003]):
 * candidate → transferring (letter and РОС call → final engineer visit → first remote call) →
 * active ⇄ escalated → left | returned to field service.
 * The transfer's steps go in order, and a client with debt cannot start it.
 */
export type LifecycleMachineEvent =
  | { type: 'LETTER_AND_ROS_CALL'; hasDebt: boolean }
  | { type: 'FINAL_ENGINEER_VISIT' }
  | { type: 'FIRST_REMOTE_CALL' }
  | { type: 'LEAVE'; to: 'left' | 'returned_to_field_service' };

export type LifecycleMachineState =
  | 'candidate'
  | { transferring: 'letterSent' | 'engineerVisited' }
  | 'active'
  | 'escalated'
  | 'left'
  | 'returnedToFieldService';

export type LifecycleActionType =
  | 'startTransfer'
  | 'recordLetter'
  | 'recordEngineerVisit'
  | 'recordFirstRemoteCall'
  | 'scheduleEngagementCheck'
  | 'startContactCadence'
  | 'startPmWork'
  | 'recordLeaving';

const actions = {
  startTransfer: noop,
  recordLetter: noop,
  recordEngineerVisit: noop,
  recordFirstRemoteCall: noop,
  scheduleEngagementCheck: noop,
  startContactCadence: noop,
  startPmWork: noop,
  recordLeaving: noop,
} satisfies Record<LifecycleActionType, typeof noop>;

export const lifecycleMachine = setup({
  types: { events: {} as LifecycleMachineEvent },
  actions,
  guards: {
    // «отсутствие задолженности» is a selection criterion of the transfer [003]
    noDebt: ({ event }) => event.type === 'LETTER_AND_ROS_CALL' && !event.hasDebt,
    toField: ({ event }) => event.type === 'LEAVE' && event.to === 'returned_to_field_service',
  },
}).createMachine({
  id: 'lifecycle',
  initial: 'candidate',
  states: {
    candidate: {
      on: {
        LETTER_AND_ROS_CALL: {
          guard: 'noDebt',
          target: 'transferring.letterSent',
          actions: ['startTransfer', 'recordLetter'],
        },
      },
    },
    transferring: {
      initial: 'letterSent',
      states: {
        letterSent: {
          on: { FINAL_ENGINEER_VISIT: { target: 'engineerVisited', actions: ['recordEngineerVisit'] } },
        },
        engineerVisited: {
          on: {
            FIRST_REMOTE_CALL: {
              target: '#lifecycle.active',
              actions: [
                'recordFirstRemoteCall',
                'scheduleEngagementCheck',
                'startContactCadence',
                'startPmWork',
              ],
            },
          },
        },
      },
    },
    active: {
      on: {
        LEAVE: [
          { guard: 'toField', target: 'returnedToFieldService', actions: ['recordLeaving'] },
          { target: 'left', actions: ['recordLeaving'] },
        ],
      },
    },
    escalated: {
      on: {
        LEAVE: [
          { guard: 'toField', target: 'returnedToFieldService', actions: ['recordLeaving'] },
          { target: 'left', actions: ['recordLeaving'] },
        ],
      },
    },
    left: { type: 'final' },
    returnedToFieldService: { type: 'final' },
  },
});
