import {
  CommandContext,
  DecidedEvent,
  LifecycleCommand,
  RecordTransferStep,
  LeaveRemoteService,
  RegisteredClient,
  TransferStep,
  assertNever,
  authorize,
  clientDebtMonths,
  debtOf,
  refuse,
} from '@ledger/domain';
import { ActionEvents, eventsOf } from '../shared/actions';
import { machineAnswer } from '../shared/transition';
import {
  LifecycleActionType,
  LifecycleMachineEvent,
  LifecycleMachineState,
  lifecycleMachine,
} from './machine';
import { engagementCheck } from '../engagement/workflow';
import { startCadence } from '../contact-cadence/workflow';
import { startPmWork } from '../pm-work/workflow';

/**
 * Lifecycle commands are transitions of the lifecycle machine: a step it cannot take is refused,
 * and the actions of the one it takes are the events recorded (ADR 0007).
 */

const stateOf = (client: RegisteredClient): LifecycleMachineState => {
  switch (client.lifecycle) {
    case 'candidate':
      return 'candidate';
    case 'transferring':
      return { transferring: client.transfer.engineerVisitAt ? 'engineerVisited' : 'letterSent' };
    case 'active':
      return 'active';
    case 'escalated':
      return 'escalated';
    case 'left':
      return 'left';
    case 'returned_to_field_service':
      return 'returnedToFieldService';
    default:
      return assertNever(client.lifecycle);
  }
};

const signalOf = (step: TransferStep, client: RegisteredClient): LifecycleMachineEvent => {
  switch (step) {
    case 'letter_and_ros_call':
      return { type: 'LETTER_AND_ROS_CALL', hasDebt: debtOf(client).unpaid > 0 };
    case 'final_engineer_visit':
      return { type: 'FINAL_ENGINEER_VISIT' };
    case 'first_remote_call':
      return { type: 'FIRST_REMOTE_CALL' };
    default:
      return assertNever(step);
  }
};

interface Input {
  client: RegisteredClient;
  context: CommandContext;
  occurredAt: string;
  command: LifecycleCommand;
  /** The events so far: later actions cite the first of them. */
  decided: DecidedEvent[];
}

const at = (input: Input) => ({ occurredAt: input.occurredAt });
const dateOf = (input: Input) => input.context.time.dateOf(new Date(input.occurredAt));
const firstOf = (input: Input) => input.decided.slice(0, 1).map((e) => e.eventId);

const ACTION_EVENTS: ActionEvents<LifecycleActionType, Input> = {
  startTransfer: (input) => [
    {
      type: 'TransferToRemoteServiceStarted',
      eventId: input.context.newEventId(),
      ...at(input),
      data: {
        criteria: {
          category: input.client.category,
          monthlyFee: input.client.monthlyFee,
          debtMonths: clientDebtMonths(input.client),
        },
      },
    },
  ],
  recordLetter: (input) => [
    { type: 'TransferLetterSent', eventId: input.context.newEventId(), ...at(input), data: {} },
  ],
  recordEngineerVisit: (input) => [
    { type: 'FinalEngineerVisitCompleted', eventId: input.context.newEventId(), ...at(input), data: {} },
  ],
  recordFirstRemoteCall: (input) => [
    {
      type: 'FirstRemoteCallCompleted',
      eventId: input.context.newEventId(),
      ...at(input),
      data: { kppId: input.client.kppId },
    },
  ],
  startPmWork: (input) => startPmWork(dateOf(input), input.context, firstOf(input)),
  startContactCadence: (input) => startCadence(dateOf(input), input.client, input.context, firstOf(input)),
  scheduleEngagementCheck: (input) => [
    engagementCheck(
      dateOf(input).slice(0, 7),
      input.context,
      input.decided.slice(-1).map((e) => e.eventId),
    ),
  ],
  recordLeaving: (input) => {
    const { command, client, context } = input;
    if (command.type !== 'LeaveRemoteService') return [];
    const left: DecidedEvent = {
      type: 'ClientLeftRemoteService',
      eventId: context.newEventId(),
      data: { to: command.to, reason: command.reason },
    };
    // its durable timers end with it; a promise still runs its course
    const cancelled = Object.keys(client.deadlines)
      .filter((id) => !id.startsWith('promise.'))
      .map((deadlineId): DecidedEvent => ({
        type: 'DeadlineCancelled',
        eventId: context.newEventId(),
        data: { deadlineId },
        rule: 'lifecycle.left_remote_service',
        evidence: [left.eventId],
        causationId: left.eventId,
      }));
    return [left, ...cancelled];
  },
};

/** Runs the actions one by one, so that each sees the events of those before it. */
function run(actions: ReadonlyArray<{ type: string }>, input: Omit<Input, 'decided'>): DecidedEvent[] {
  const decided: DecidedEvent[] = [];
  for (const action of actions) decided.push(...eventsOf([action], ACTION_EVENTS, { ...input, decided }));
  return decided;
}

function transferStep(
  command: RecordTransferStep,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  const occurredAt = command.occurredAt ?? context.now.toISOString();
  if (new Date(occurredAt).getTime() > context.now.getTime())
    refuse('step_in_future', 'a transfer step cannot be recorded ahead of time');
  const signal = signalOf(command.step, client);
  const answer = machineAnswer(lifecycleMachine, stateOf(client), {}, signal);
  if (!answer.taken) {
    if (signal.type === 'LETTER_AND_ROS_CALL' && client.lifecycle === 'candidate') {
      refuse(
        'transfer_refused_debt',
        `a client with debt (${clientDebtMonths(client)} months) cannot be transferred to remote service`,
      );
    }
    refuse(
      'transfer_step_out_of_order',
      `the step ${command.step} does not follow from the client's state (${client.lifecycle})`,
    );
  }
  return run(answer.actions, { client, context, occurredAt, command });
}

function leave(
  command: LeaveRemoteService,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  const signal: LifecycleMachineEvent = { type: 'LEAVE', to: command.to };
  const answer = machineAnswer(lifecycleMachine, stateOf(client), {}, signal);
  if (!answer.taken) {
    refuse('not_on_remote_service', `a client that is ${client.lifecycle} cannot leave remote service`);
  }
  return run(answer.actions, { client, context, occurredAt: context.now.toISOString(), command });
}

/** The one place lifecycle commands are decided. */
export function decideLifecycle(
  command: LifecycleCommand,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  authorize(command, client, context.actor);
  switch (command.type) {
    case 'RecordTransferStep':
      return transferStep(command, client, context);
    case 'LeaveRemoteService':
      return leave(command, client, context);
    default:
      return assertNever(command);
  }
}
export { stateOf as lifecycleMachineStateOf };
