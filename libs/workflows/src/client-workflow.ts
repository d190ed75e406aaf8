import { transition } from 'xstate';
import {
  ClientCommand,
  ClientState,
  CommandContext,
  DecidedEvent,
  PromiseRecord,
  RegisteredClient,
  debtMonths,
  decide,
  evolve,
  nextMonth,
  requireRegistered,
  handoverEvents,
  isCovered,
  toKopecks,
  toRoubles,
  unpaidAmount,
} from '@ledger/domain';
import { PromiseMachineEvent, PromiseMachineState, paymentPromiseMachine } from './payment-promise.machine';
import { ResponsibilityEvent, responsibilityMachine } from './responsibility.machine';
import { decideLeaving, decideTransferStep, engagementCheck } from './lifecycle';
import { cadenceConsequences } from './contact-cadence';
import { pmWorkConsequences } from './pm-work';

/**
 * The whole decision for a command: the decider's events, then whatever the workflows make follow
 * from each of them (reminders, breaches, handovers, returns, deadlines), appended together.
 */
export function handleClientCommand(
  command: ClientCommand,
  state: ClientState,
  context: CommandContext,
): DecidedEvent[] {
  const decided =
    command.type === 'RecordTransferStep'
      ? decideTransferStep(command, requireRegistered(state, context.ric), context)
      : command.type === 'LeaveRemoteService'
        ? decideLeaving(command, requireRegistered(state, context.ric), context)
        : decide(command, state, context);
  return withConsequences(state, decided, context);
}

/** Feeds each event to the machines; their outputs are fed in turn, until nothing more follows. */
export function withConsequences(
  state: ClientState,
  decided: DecidedEvent[],
  context: CommandContext,
): DecidedEvent[] {
  const out: DecidedEvent[] = [];
  const queue = [...decided];
  let current = state;
  while (queue.length > 0) {
    const event = queue.shift()!;
    out.push(event);
    current = evolve(current, event, {
      eventId: event.eventId,
      occurredAt: event.occurredAt ?? context.now.toISOString(),
    });
    if (current.status !== 'registered') continue;
    queue.push(
      ...promiseConsequences(current, event, context),
      ...responsibilityConsequences(current, event, context),
      ...engagementConsequences(current, event, context),
      ...cadenceConsequences(current, event, context),
      ...pmWorkConsequences(current, event, context),
    );
  }
  return out;
}

// ---- payment promises ----

const promiseStateOf = (p: PromiseRecord): PromiseMachineState => {
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
  }
};

const termsOf = (p: PromiseRecord) => ({
  promisedOn: p.promisedOn,
  target: p.target,
  paidInTime: p.paidInTime,
});

/** Which promise machine events an event is, for which promises. */
function promiseSignals(
  client: RegisteredClient,
  event: DecidedEvent,
): Array<[PromiseRecord, PromiseMachineEvent, 'new' | null]> {
  const promise = (id?: string) => client.receivables.promises.find((p) => p.promiseId === id);
  switch (event.type) {
    case 'PaymentPromiseRecorded': {
      const p = promise(event.data.promiseId);
      return p ? [[p, { type: 'RECORDED' }, 'new']] : [];
    }
    case 'PaymentReminderDone': {
      const p = promise(event.data.promiseId);
      return p ? [[p, { type: 'REMINDER_DONE' }, null]] : [];
    }
    case 'DeadlineFired': {
      const p = promise(event.data.promiseId);
      if (!p) return [];
      return event.data.kind === 'payment_reminder'
        ? [[p, { type: 'REMINDER_DAY_CAME' }, null]]
        : [[p, { type: 'AGREED_DAY_ENDED', covered: isCovered(termsOf(p)) }, null]];
    }
    case 'PaymentReceived':
      // Every promise still unkept whose agreed day the value date falls on or before.
      return client.receivables.promises
        .filter((p) => (p.status === 'open' || p.status === 'broken') && event.data.paidOn <= p.promisedOn)
        .map((p) => [p, { type: 'PAID_IN_TIME', covered: isCovered(termsOf(p)) }, null]);
    default:
      return [];
  }
}

function promiseConsequences(
  client: RegisteredClient,
  event: DecidedEvent,
  context: CommandContext,
): DecidedEvent[] {
  const out: DecidedEvent[] = [];
  for (const [promise, signal, from] of promiseSignals(client, event)) {
    const snapshot = paymentPromiseMachine.resolveState({
      value: from ?? promiseStateOf(promise),
      context: { remind: promise.remind },
    });
    const [, actions] = transition(paymentPromiseMachine, snapshot, signal);
    for (const action of actions) out.push(...promiseAction(action.type, client, promise, event, context));
  }
  return out;
}

const reminderDeadlineId = (promiseId: string) => `promise/${promiseId}/reminder`;
const dueDeadlineId = (promiseId: string) => `promise/${promiseId}/due`;

function promiseAction(
  action: string,
  client: RegisteredClient,
  promise: PromiseRecord,
  cause: DecidedEvent,
  context: CommandContext,
): DecidedEvent[] {
  const { time } = context;
  const id = context.newEventId;
  const because = (rule: string, evidence: string[]) => ({ rule: `receivables.${rule}`, evidence });
  switch (action) {
    case 'setReminderDeadline':
      return [
        {
          type: 'DeadlineSet',
          eventId: id(),
          data: {
            deadlineId: reminderDeadlineId(promise.promiseId),
            kind: 'payment_reminder',
            dueAt: time.startOfDay(promise.remindOn ?? promise.promisedOn).toISOString(),
            promiseId: promise.promiseId,
          },
          ...because('reminder_asked', [promise.recordedEventId]),
        },
      ];
    case 'setDueDeadline':
      return [
        {
          type: 'DeadlineSet',
          eventId: id(),
          data: {
            deadlineId: dueDeadlineId(promise.promiseId),
            kind: 'promise_due',
            dueAt: time.endOfDay(promise.promisedOn).toISOString(),
            promiseId: promise.promiseId,
          },
          ...because('promise_checked_at_end_of_agreed_day', [promise.recordedEventId]),
        },
      ];
    case 'cancelDeadlines':
      return [reminderDeadlineId(promise.promiseId), dueDeadlineId(promise.promiseId)]
        .filter((deadlineId) => client.deadlines[deadlineId])
        .map((deadlineId) => ({ type: 'DeadlineCancelled' as const, eventId: id(), data: { deadlineId } }));
    case 'emitReminderDue':
      return [
        {
          type: 'PaymentReminderDue',
          eventId: id(),
          occurredAt: cause.occurredAt,
          data: { promiseId: promise.promiseId, remindOn: promise.remindOn ?? promise.promisedOn },
          ...because('payment_reminder_due', [promise.recordedEventId, cause.eventId]),
        },
      ];
    case 'emitKept':
      return [
        {
          type: 'PaymentPromiseKept',
          eventId: id(),
          occurredAt: cause.occurredAt,
          data: {
            promiseId: promise.promiseId,
            promisedOn: promise.promisedOn,
            paidInTime: toRoubles(promise.paidInTime),
          },
          ...because('promise_covered_in_time', [promise.recordedEventId, cause.eventId]),
        },
      ];
    case 'emitBroken': {
      const followUpDueOn = time.followUpDeadlineDay(promise.promisedOn);
      const stillPending = client.deadlines[reminderDeadlineId(promise.promiseId)];
      return [
        {
          type: 'PaymentPromiseBroken',
          eventId: id(),
          occurredAt: cause.occurredAt,
          data: {
            promiseId: promise.promiseId,
            promisedOn: promise.promisedOn,
            paidInTime: toRoubles(promise.paidInTime),
            target: toRoubles(promise.target),
            followUpDueBy: time.endOfDay(followUpDueOn).toISOString(),
            followUpDueOn,
          },
          ...because('promise_not_covered_by_end_of_agreed_day', [promise.recordedEventId, cause.eventId]),
        },
        ...(stillPending
          ? [
              {
                type: 'DeadlineCancelled' as const,
                eventId: id(),
                data: { deadlineId: reminderDeadlineId(promise.promiseId) },
              },
            ]
          : []),
      ];
    }
    case 'emitBreachCorrected':
      return [
        {
          type: 'PaymentPromiseBreachCorrected',
          eventId: id(),
          data: {
            promiseId: promise.promiseId,
            paymentId: cause.type === 'PaymentReceived' ? cause.data.paymentId : '',
            paidInTime: toRoubles(promise.paidInTime),
          },
          ...because('late_payment_dated_in_time', [
            promise.brokenEventId ?? promise.recordedEventId,
            cause.eventId,
          ]),
        },
      ];
    default:
      return [];
  }
}

// ---- responsibility: КПП ⇄ ПМ ----

const debtMonthsOf = (c: RegisteredClient) =>
  debtMonths(unpaidAmount(c.receivables.invoiced, c.receivables.paid), toKopecks(c.monthlyFee));

function responsibilitySignal(client: RegisteredClient, event: DecidedEvent): ResponsibilityEvent | null {
  switch (event.type) {
    case 'PaymentDateRefused':
      return { type: 'PAYMENT_DATE_REFUSED' };
    case 'PaymentPromiseRecorded':
      return { type: 'PROMISE_RECORDED', projectedDebtMonths: event.data.projectedDebtMonths };
    case 'PaymentPromiseBroken':
      return { type: 'PROMISE_BROKEN', brokenPromisesInRow: client.receivables.brokenPromisesInRow };
    case 'InvoiceIssued':
      return { type: 'DEBT_CHANGED', debtMonths: debtMonthsOf(client) };
    case 'PaymentReceived':
    case 'PaymentPromiseKept':
    case 'PaymentPromiseBreachCorrected':
      return {
        type: 'SETTLEMENT_CHANGED',
        debtMonths: debtMonthsOf(client),
        onTimeMonthsInRow: client.receivables.onTimeMonthsInRow,
      };
    default:
      return null;
  }
}

function responsibilityConsequences(
  client: RegisteredClient,
  event: DecidedEvent,
  context: CommandContext,
): DecidedEvent[] {
  const signal = responsibilitySignal(client, event);
  if (!signal) return [];
  const snapshot = responsibilityMachine.resolveState({
    value: client.responsible.role === 'PM' ? 'pm' : 'kpp',
    context: {},
  });
  const [, actions] = transition(responsibilityMachine, snapshot, signal);
  const out: DecidedEvent[] = [];
  for (const action of actions) {
    if (action.type === 'handOver') {
      const { reason } = action.params as { reason: Parameters<typeof handoverEvents>[2] };
      out.push(...handoverEvents(client, context, reason, client.pmId, evidenceFor(client, event)));
    } else if (action.type === 'returnToKpp') {
      out.push(...returnEvents(client, event, context));
    }
  }
  return out;
}

/** The events that made a handover rule fire. */
function evidenceFor(client: RegisteredClient, event: DecidedEvent): string[] {
  const r = client.receivables;
  switch (event.type) {
    case 'PaymentPromiseBroken':
      return r.promises
        .filter((p) => p.status === 'broken' && p.brokenEventId)
        .slice(-2)
        .map((p) => p.brokenEventId!);
    case 'PaymentPromiseRecorded':
    case 'InvoiceIssued':
      return [
        event.eventId,
        ...(r.lastInvoiceEventId && r.lastInvoiceEventId !== event.eventId ? [r.lastInvoiceEventId] : []),
      ];
    default:
      return [event.eventId];
  }
}

function returnEvents(
  client: RegisteredClient,
  cause: DecidedEvent,
  context: CommandContext,
): DecidedEvent[] {
  const kept = client.receivables.promises
    .filter((p) => p.status === 'kept' || p.status === 'corrected')
    .slice(-2);
  const evidence = [cause.eventId, ...kept.map((p) => p.recordedEventId)];
  const rule = { rule: 'receivables.threat_lifted', evidence };
  return [
    ...client.threats
      .filter((t) => t.open)
      .map((t): DecidedEvent => ({
        type: 'ThreatResolved',
        eventId: context.newEventId(),
        data: { threatId: t.threatId, resolution: 'threat_lifted' },
        ...rule,
      })),
    {
      type: 'ReturnedToKPP',
      eventId: context.newEventId(),
      data: {
        fromPmId: client.responsible.employeeId,
        toKppId: client.kppId,
        debtMonths: debtMonthsOf(client),
        onTimeMonthsInRow: client.receivables.onTimeMonthsInRow,
      },
      ...rule,
    },
  ];
}

// ---- engagement: stage 4 or 5 at least once a calendar month (SPEC §3.1) ----

function engagementConsequences(
  client: RegisteredClient,
  event: DecidedEvent,
  context: CommandContext,
): DecidedEvent[] {
  if (event.type !== 'DeadlineFired' || event.data.kind !== 'engagement_check') return [];
  const month = event.data.deadlineId.slice('engagement/'.length);
  const out: DecidedEvent[] = [];
  if (!client.lastEngagementMonth || client.lastEngagementMonth < month) {
    out.push({
      type: 'EngagementOverdue',
      eventId: context.newEventId(),
      occurredAt: event.data.dueAt,
      data: { month },
      rule: 'lifecycle.engagement_monthly',
      evidence: [event.eventId],
    });
  }
  if (client.lifecycle === 'active' || client.lifecycle === 'escalated') {
    out.push(engagementCheck(nextMonth(month), context, [event.eventId]));
  }
  return out;
}
