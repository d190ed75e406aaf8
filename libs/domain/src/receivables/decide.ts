import { refuse } from '../shared/domain-error';
import type { CommandContext } from '../shared/roles';
import type { DecidedEvent } from '../shared/decided-event';
import { assertNever } from '../shared/unions';
import type { RegisteredClient } from '../client/state';
import type {
  HandOverToPM,
  IssueInvoice,
  MarkPaymentReminderDone,
  ReceivablesCommand,
  RecordPayment,
  RecordPaymentPromise,
  RefusePaymentDate,
  TakeClientAsThreat,
} from './commands';
import { debtMonthsOf, projectedDebt, toKopecks, toRoubles } from './receivables';
import { debtOf } from './debt';
import { handoverEvents } from './handover';
import { openPromiseOf } from './state';

/** Receivables' commands: the facts they record. What follows (reminders, breaches, handovers) is the workflows'. */
export function decideReceivables(
  command: ReceivablesCommand,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  switch (command.type) {
    case 'IssueInvoice':
      return issueInvoice(command, client, context);
    case 'RecordPayment':
      return recordPayment(command, client, context);
    case 'RecordPaymentPromise':
      return recordPaymentPromise(command, client, context);
    case 'RefusePaymentDate':
      return refusePaymentDate(command, context);
    case 'MarkPaymentReminderDone':
      return markReminderDone(command, client, context);
    case 'HandOverToPM':
      return handOverManually(command, client, context);
    case 'TakeClientAsThreat':
      return takeAsThreat(command, client, context);
    default:
      return assertNever(command);
  }
}

function issueInvoice(
  command: IssueInvoice,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  if (client.receivables.invoiceIds[command.invoiceId]) {
    refuse('invoice_already_issued', `invoice ${command.invoiceId} is already recorded`);
  }
  const { type: _type, ...data } = command;
  return [{ type: 'InvoiceIssued', eventId: context.newEventId(), data }];
}

function recordPayment(
  command: RecordPayment,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  if (client.receivables.paymentIds[command.paymentId]) {
    refuse('payment_already_recorded', `payment ${command.paymentId} is already recorded`);
  }
  if (command.paidOn > context.time.dateOf(context.now)) {
    refuse('value_date_in_future', `a payment cannot have a value date (${command.paidOn}) after today`);
  }
  const { type: _type, ...data } = command;
  return [{ type: 'PaymentReceived', eventId: context.newEventId(), data }];
}

/** The reminder's day: the one asked for or the working day before the agreed day, never a day off. */
function reminderDay(command: RecordPaymentPromise, today: string, context: CommandContext): string {
  // Nobody calls on a day off: a reminder day that is one moves to the working day before.
  const asked = command.remindOn
    ? context.time.workingDayOnOrBefore(command.remindOn)
    : context.time.reminderDay(command.promisedOn);
  // Asked for a reminder too late for the day before: call today.
  const day = asked < today ? today : asked;
  if (day > command.promisedOn) {
    refuse(
      'reminder_after_agreed_day',
      `the reminder (${day}) must not be after the agreed day (${command.promisedOn})`,
    );
  }
  return day;
}

function recordPaymentPromise(
  command: RecordPaymentPromise,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  const today = context.time.dateOf(context.now);
  if (command.promisedOn < today) {
    refuse('promise_date_in_past', `the agreed day ${command.promisedOn} is before today (${today})`);
  }
  const open = openPromiseOf(client);
  if (open) {
    refuse('promise_already_open', `promise ${open.promiseId} for ${open.promisedOn} is still open`);
  }
  if (client.receivables.promiseIndex[command.promiseId] !== undefined) {
    refuse('promise_already_recorded', `promise ${command.promiseId} is already recorded`);
  }
  const debt = debtOf(client);
  const target = command.amount !== undefined ? toKopecks(command.amount) : debt.unpaid;
  if (target <= 0) refuse('nothing_to_promise', 'the client owes nothing and no amount was promised');
  const remindOn = command.remind ? reminderDay(command, today, context) : undefined;
  const projected = projectedDebt(debt, client.billingDay, today, command.promisedOn);
  return [
    {
      type: 'PaymentPromiseRecorded',
      eventId: context.newEventId(),
      data: {
        promiseId: command.promiseId,
        promisedOn: command.promisedOn,
        ...(command.amount !== undefined ? { amount: command.amount } : {}),
        target: toRoubles(target),
        remind: command.remind,
        ...(remindOn ? { remindOn } : {}),
        projectedDebtMonths: debtMonthsOf(projected),
        projectedDebt: toRoubles(projected.unpaid),
      },
    },
  ];
}

function refusePaymentDate(command: RefusePaymentDate, context: CommandContext): DecidedEvent[] {
  return [
    {
      type: 'PaymentDateRefused',
      eventId: context.newEventId(),
      data: command.comment ? { comment: command.comment } : {},
    },
  ];
}

function markReminderDone(
  command: MarkPaymentReminderDone,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  const index = client.receivables.promiseIndex[command.promiseId];
  const promise = index === undefined ? undefined : client.receivables.promises[index];
  if (!promise) return refuse('promise_not_found', `promise ${command.promiseId} not found`, 'not_found');
  if (promise.reminder === 'none')
    refuse('no_reminder_asked', `promise ${command.promiseId} has no reminder`);
  if (promise.reminder === 'done') return [];
  return [
    {
      type: 'PaymentReminderDone',
      eventId: context.newEventId(),
      data: { promiseId: command.promiseId, ...(command.comment ? { comment: command.comment } : {}) },
    },
  ];
}

function handOverManually(
  command: HandOverToPM,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  if (client.responsible.role === 'PM')
    refuse('already_with_pm', 'the client is already with its personal manager');
  return handoverEvents(client, context, 'manual', client.pmId, [], command.comment);
}

function takeAsThreat(
  command: TakeClientAsThreat,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  if (client.responsible.role === 'PM')
    refuse('already_with_pm', 'the client is already with a personal manager');
  const { actor } = context;
  const pmId = actor.role === 'PM' ? actor.id : client.pmId;
  return handoverEvents(client, context, 'manual', pmId, [], command.comment);
}
