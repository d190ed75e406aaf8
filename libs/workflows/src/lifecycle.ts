import { transition } from 'xstate';
import {
  CommandContext,
  DecidedEvent,
  LeaveRemoteService,
  RecordTransferStep,
  RegisteredClient,
  TransferStep,
  refuse,
  toKopecks,
  debtMonths,
  nextMonth,
  unpaidAmount,
} from '@ledger/domain';
import { LifecycleEvent, LifecycleState, lifecycleMachine } from './lifecycle.machine';
import { startCadence } from './contact-cadence';
import { startPmWork } from './pm-work';

const stateOf = (client: RegisteredClient): LifecycleState => {
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
  }
};

const eventFor = (step: TransferStep, client: RegisteredClient): LifecycleEvent => {
  switch (step) {
    case 'letter_and_ros_call':
      return {
        type: 'LETTER_AND_ROS_CALL',
        hasDebt: unpaidAmount(client.receivables.invoiced, client.receivables.paid) > 0,
      };
    case 'final_engineer_visit':
      return { type: 'FINAL_ENGINEER_VISIT' };
    case 'first_remote_call':
      return { type: 'FIRST_REMOTE_CALL' };
  }
};

/** The deadline that checks, when a month is over, whether the client was engaged in it. */
export function engagementCheck(month: string, context: CommandContext, evidence: string[]): DecidedEvent {
  return {
    type: 'DeadlineSet',
    eventId: context.newEventId(),
    data: {
      deadlineId: `engagement/${month}`,
      kind: 'engagement_check',
      dueAt: context.time.startOfDay(`${nextMonth(month)}-01`).toISOString(),
    },
    rule: 'lifecycle.engagement_monthly',
    evidence,
  };
}

/** A transfer step, decided by the lifecycle machine: in order, and never for a client with debt. */
export function decideTransferStep(
  command: RecordTransferStep,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  const { actor } = context;
  const kppMayCall =
    command.step === 'first_remote_call' && actor.role === 'KPP' && actor.id === client.kppId;
  if (!(actor.role === 'ROS' || actor.role === 'ADMIN' || kppMayCall)) {
    refuse(
      'not_allowed_transfer_step',
      `${actor.role} may not record the transfer step ${command.step}`,
      'forbidden',
    );
  }
  const occurredAt = command.occurredAt ?? context.now.toISOString();
  if (new Date(occurredAt).getTime() > context.now.getTime())
    refuse('step_in_future', 'a transfer step cannot be recorded ahead of time');
  const signal = eventFor(command.step, client);
  const snapshot = lifecycleMachine.resolveState({ value: stateOf(client), context: {} });
  const [next, actions] = transition(lifecycleMachine, snapshot, signal);
  if (next === snapshot || JSON.stringify(next.value) === JSON.stringify(snapshot.value)) {
    if (signal.type === 'LETTER_AND_ROS_CALL' && client.lifecycle === 'candidate') {
      const months = debtMonths(
        unpaidAmount(client.receivables.invoiced, client.receivables.paid),
        toKopecks(client.monthlyFee),
      );
      refuse(
        'transfer_refused_debt',
        `a client with debt (${months} months) cannot be transferred to remote service`,
      );
    }
    refuse(
      'transfer_step_out_of_order',
      `the step ${command.step} does not follow from the client's state (${client.lifecycle})`,
    );
  }
  const events: DecidedEvent[] = [];
  for (const action of actions) {
    const at = { occurredAt };
    switch (action.type) {
      case 'startTransfer':
        events.push({
          type: 'TransferToRemoteServiceStarted',
          eventId: context.newEventId(),
          ...at,
          data: {
            criteria: {
              category: client.category,
              monthlyFee: client.monthlyFee,
              debtMonths: debtMonths(
                unpaidAmount(client.receivables.invoiced, client.receivables.paid),
                toKopecks(client.monthlyFee),
              ),
            },
          },
        });
        break;
      case 'recordLetter':
        events.push({ type: 'TransferLetterSent', eventId: context.newEventId(), ...at, data: {} });
        break;
      case 'recordEngineerVisit':
        events.push({ type: 'FinalEngineerVisitCompleted', eventId: context.newEventId(), ...at, data: {} });
        break;
      case 'recordFirstRemoteCall':
        events.push({
          type: 'FirstRemoteCallCompleted',
          eventId: context.newEventId(),
          ...at,
          data: { kppId: client.kppId },
        });
        break;
      case 'startPmWork':
        events.push(
          ...startPmWork(
            context.time.dateOf(new Date(occurredAt)),
            context,
            events.map((e) => e.eventId).slice(0, 1),
          ),
        );
        break;
      case 'startContactCadence':
        events.push(
          ...startCadence(
            context.time.dateOf(new Date(occurredAt)),
            client,
            context,
            events.map((e) => e.eventId).slice(0, 1),
          ),
        );
        break;
      case 'scheduleEngagementCheck':
        events.push(
          engagementCheck(
            context.time.dateOf(new Date(occurredAt)).slice(0, 7),
            context,
            events.map((e) => e.eventId).slice(-1),
          ),
        );
        break;
    }
  }
  return events;
}

/** Leaving remote service: from active or escalated only; nothing is planned after it. */
export function decideLeaving(
  command: LeaveRemoteService,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  if (context.actor.role !== 'ROS' && context.actor.role !== 'ADMIN') {
    refuse('not_allowed_lifecycle', 'only ROS decides that a client leaves remote service', 'forbidden');
  }
  const snapshot = lifecycleMachine.resolveState({ value: stateOf(client), context: {} });
  const [next] = transition(lifecycleMachine, snapshot, { type: 'LEAVE', to: command.to });
  if (JSON.stringify(next.value) === JSON.stringify(snapshot.value)) {
    refuse('not_on_remote_service', `a client that is ${client.lifecycle} cannot leave remote service`);
  }
  // its durable timers end with it
  const cancelled: DecidedEvent[] = Object.keys(client.deadlines)
    .filter((id) => !id.startsWith('promise/'))
    .map((deadlineId) => ({
      type: 'DeadlineCancelled',
      eventId: context.newEventId(),
      data: { deadlineId },
    }));
  return [
    {
      type: 'ClientLeftRemoteService',
      eventId: context.newEventId(),
      data: { to: command.to, reason: command.reason },
    },
    ...cancelled,
  ];
}
