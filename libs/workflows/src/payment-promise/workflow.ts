import {
  DecidedEvent,
  PromiseRecord,
  RegisteredClient,
  assertNever,
  because,
  type RuleOf,
  isCovered,
  joinId,
  toRoubles,
} from '@ledger/domain';
import { ActionEvents, Step, eventsOf } from '../shared/actions';
import { transitionActions } from '../shared/transition';
import {
  PromiseActionType,
  PromiseMachineEvent,
  PromiseMachineState,
  paymentPromiseMachine,
} from './machine';

/** Each payment promise runs its machine: reminder, check at the end of the agreed day, mending. */

const stateOf = (p: PromiseRecord): PromiseMachineState => {
  switch (p.status) {
    case 'kept':
      return 'kept';
    case 'corrected':
      return 'corrected';
    case 'broken':
      return 'followUpDue';
    case 'open':
      return p.reminder === 'scheduled'
        ? 'reminderScheduled'
        : p.reminder === 'due'
          ? 'reminderDue'
          : 'awaitingPayment';
    default:
      return assertNever(p.status);
  }
};

const termsOf = (p: PromiseRecord) => ({
  promisedOn: p.promisedOn,
  target: p.target,
  paidInTime: p.paidInTime,
});

const promiseOf = (client: RegisteredClient, id?: string): PromiseRecord | undefined => {
  const index = id === undefined ? undefined : client.receivables.promiseIndex[id];
  return index === undefined ? undefined : client.receivables.promises[index];
};

/** Which promise machine events an event is, for which promises (`new`: the machine starts). */
function signals(
  client: RegisteredClient,
  event: DecidedEvent,
): Array<[PromiseRecord, PromiseMachineEvent, boolean]> {
  switch (event.type) {
    case 'PaymentPromiseRecorded': {
      const p = promiseOf(client, event.data.promiseId);
      return p ? [[p, { type: 'RECORDED' }, true]] : [];
    }
    case 'PaymentReminderDone': {
      const p = promiseOf(client, event.data.promiseId);
      return p ? [[p, { type: 'REMINDER_DONE' }, false]] : [];
    }
    case 'DeadlineFired': {
      const p = promiseOf(client, event.data.promiseId);
      if (!p) return [];
      return event.data.kind === 'payment_reminder'
        ? [[p, { type: 'REMINDER_DAY_CAME' }, false]]
        : [[p, { type: 'AGREED_DAY_ENDED', covered: isCovered(termsOf(p)) }, false]];
    }
    case 'PaymentReceived':
      // Every promise still unkept whose agreed day the value date falls on or before.
      return client.receivables.promises
        .filter((p) => (p.status === 'open' || p.status === 'broken') && event.data.paidOn <= p.promisedOn)
        .map((p) => [p, { type: 'PAID_IN_TIME', covered: isCovered(termsOf(p)) }, false]);
    default:
      return [];
  }
}

export const reminderDeadlineId = (promiseId: string) => joinId('promise', promiseId, 'reminder');
export const dueDeadlineId = (promiseId: string) => joinId('promise', promiseId, 'due');

interface Input extends Step {
  promise: PromiseRecord;
}

const rule = (name: RuleOf<'receivables'>, evidence: string[]) =>
  because(`receivables.${name}` as const, evidence);

const cancel = (
  { client, context }: Input,
  deadlineIds: string[],
  why: ReturnType<typeof rule>,
): DecidedEvent[] =>
  deadlineIds
    .filter((deadlineId) => client.deadlines[deadlineId])
    .map((deadlineId) => ({
      type: 'DeadlineCancelled',
      eventId: context.newEventId(),
      data: { deadlineId },
      ...why,
    }));

const ACTION_EVENTS: ActionEvents<PromiseActionType, Input> = {
  setReminderDeadline: ({ promise, context }) => [
    {
      type: 'DeadlineSet',
      eventId: context.newEventId(),
      data: {
        deadlineId: reminderDeadlineId(promise.promiseId),
        kind: 'payment_reminder',
        dueAt: context.time.startOfDay(promise.remindOn ?? promise.promisedOn).toISOString(),
        promiseId: promise.promiseId,
      },
      ...rule('reminder_asked', [promise.recordedEventId]),
    },
  ],
  setDueDeadline: ({ promise, context }) => [
    {
      type: 'DeadlineSet',
      eventId: context.newEventId(),
      data: {
        deadlineId: dueDeadlineId(promise.promiseId),
        kind: 'promise_due',
        dueAt: context.time.endOfDay(promise.promisedOn).toISOString(),
        promiseId: promise.promiseId,
      },
      ...rule('promise_checked_at_end_of_agreed_day', [promise.recordedEventId]),
    },
  ],
  cancelDeadlines: (input) =>
    cancel(
      input,
      [reminderDeadlineId(input.promise.promiseId), dueDeadlineId(input.promise.promiseId)],
      rule('promise_covered_in_time', [input.promise.recordedEventId, input.event.eventId]),
    ),
  emitReminderDue: ({ promise, event, context }) => [
    {
      type: 'PaymentReminderDue',
      eventId: context.newEventId(),
      occurredAt: event.occurredAt,
      data: { promiseId: promise.promiseId, remindOn: promise.remindOn ?? promise.promisedOn },
      ...rule('payment_reminder_due', [promise.recordedEventId, event.eventId]),
    },
  ],
  emitKept: ({ promise, event, context }) => [
    {
      type: 'PaymentPromiseKept',
      eventId: context.newEventId(),
      occurredAt: event.occurredAt,
      data: {
        promiseId: promise.promiseId,
        promisedOn: promise.promisedOn,
        paidInTime: toRoubles(promise.paidInTime),
      },
      ...rule('promise_covered_in_time', [promise.recordedEventId, event.eventId]),
    },
  ],
  emitBroken: (input) => {
    const { promise, event, context } = input;
    const followUpDueOn = context.time.followUpDeadlineDay(promise.promisedOn);
    const broken: DecidedEvent = {
      type: 'PaymentPromiseBroken',
      eventId: context.newEventId(),
      occurredAt: event.occurredAt,
      data: {
        promiseId: promise.promiseId,
        promisedOn: promise.promisedOn,
        paidInTime: toRoubles(promise.paidInTime),
        target: toRoubles(promise.target),
        followUpDueBy: context.time.endOfDay(followUpDueOn).toISOString(),
        followUpDueOn,
      },
      ...rule('promise_not_covered_by_end_of_agreed_day', [promise.recordedEventId, event.eventId]),
    };
    // a reminder never made is moot once the agreed day is over
    const reminder = cancel(
      input,
      [reminderDeadlineId(promise.promiseId)],
      rule('promise_broken', [broken.eventId]),
    );
    return [broken, ...reminder.map((e) => ({ ...e, causationId: broken.eventId }))];
  },
  emitBreachCorrected: ({ promise, event, context }) => [
    {
      type: 'PaymentPromiseBreachCorrected',
      eventId: context.newEventId(),
      data: {
        promiseId: promise.promiseId,
        paymentId: event.type === 'PaymentReceived' ? event.data.paymentId : '',
        paidInTime: toRoubles(promise.paidInTime),
      },
      ...rule('late_payment_dated_in_time', [
        promise.brokenEventId ?? promise.recordedEventId,
        event.eventId,
      ]),
    },
  ],
};

export function promiseConsequences(step: Step): DecidedEvent[] {
  const out: DecidedEvent[] = [];
  for (const [promise, signal, isNew] of signals(step.client, step.event)) {
    const actions = transitionActions(
      paymentPromiseMachine,
      isNew ? 'new' : stateOf(promise),
      {
        remind: promise.remind,
      },
      signal,
    );
    out.push(...eventsOf(actions, ACTION_EVENTS, { ...step, promise }));
  }
  return out;
}
export { stateOf as promiseMachineStateOf };
