import { refuse } from '../shared/domain-error';
import { CommandContext } from '../shared/roles';
import {
  HandoverReason,
  debtMonths,
  projectedDebtMonths,
  toKopecks,
  toRoubles,
  unpaidAmount,
} from '../receivables/receivables';
import {
  RecordCompetitorDiagnostics,
  RecordDecisionMakerStep,
  AddContactPerson,
  ChangeContactPerson,
  ClientCommand,
  CloseContact,
  FireDeadline,
  PlanContact,
  RecordCallAttempt,
  HandOverToPM,
  IssueInvoice,
  MarkPaymentReminderDone,
  RecordPayment,
  RecordPaymentPromise,
  RefusePaymentDate,
  RegisterClient,
  TakeClientAsThreat,
} from './client-commands';
import { DecidedEvent, HandoverSheet } from './client-events';
import { ClientState, RegisteredClient, openPromiseOf } from './client-state';

/**
 * decide(command, state) → the events that record what the command did, or a DomainError.
 * Pure: time, actor and ids come in `context`. What follows automatically (reminders, breaches,
 * handovers, returns) is decided by the workflows in libs/workflows from these events.
 */
export function decide(command: ClientCommand, state: ClientState, context: CommandContext): DecidedEvent[] {
  if (command.type === 'RegisterClient') return registerClient(command, state, context);
  const client = requireRegistered(state, context.ric);
  switch (command.type) {
    case 'IssueInvoice':
      return issueInvoice(command, client, context);
    case 'RecordPayment':
      return recordPayment(command, client, context);
    case 'RecordPaymentPromise':
      return recordPaymentPromise(command, client, context);
    case 'RefusePaymentDate':
      return refusePaymentDate(command, client, context);
    case 'MarkPaymentReminderDone':
      return markReminderDone(command, client, context);
    case 'HandOverToPM':
      return handOverManually(command, client, context);
    case 'TakeClientAsThreat':
      return takeAsThreat(command, client, context);
    case 'FireDeadline':
      return fireDeadline(command, client, context);
    case 'PlanContact':
      return planContact(command, client, context);
    case 'RecordDecisionMakerStep':
      return decisionMakerStep(command, client, context);
    case 'RecordCompetitorDiagnostics':
      return competitorDiagnostics(command, client, context);
    case 'RecordUsage': {
      const same = client.usage.find((u) => u.weekStart === command.observation.weekStart);
      // the same import twice records it once
      if (same && sameFields(same, command.observation)) return [];
      return [{ type: 'UsageObserved', eventId: context.newEventId(), data: command.observation }];
    }
    case 'AddContactPerson':
      return addContactPerson(command, client, context);
    case 'AddServicePoint': {
      if (context.actor.role !== 'ROS' && context.actor.role !== 'ADMIN') {
        refuse('not_allowed_service_point', 'service points are added by ROS', 'forbidden');
      }
      if (command.servicePointId === 'main' || client.servicePoints[command.servicePointId]) {
        refuse('service_point_exists', `service point ${command.servicePointId} already exists`);
      }
      const { type: _type, ...data } = command;
      return [{ type: 'ServicePointAdded', eventId: context.newEventId(), data }];
    }
    case 'ChangeContactPerson':
      return changeContactPerson(command, client, context);
    case 'RecordCallAttempt':
      return recordCallAttempt(command, client, context);
    case 'CloseContact':
      return closeContact(command, client, context);
    case 'RecordTransferStep':
    case 'LeaveRemoteService':
      // The lifecycle is the lifecycle machine's (libs/workflows), which decides these.
      return refuse('lifecycle_command', 'lifecycle commands are decided by the lifecycle workflow');
  }
}

const keyUsers = (persons: RegisteredClient['contactPersons']): string[] =>
  Object.values(persons)
    .filter((p) => p.roles.includes('key_user'))
    .map((p) => p.contactPersonId)
    .sort();

/** A change of who the key users are, once there was one: a threat signal [002]. */
function keyUserChange(
  before: string[],
  after: string[],
  context: CommandContext,
  cause: string,
): DecidedEvent[] {
  if (before.length === 0 || JSON.stringify(before) === JSON.stringify(after)) return [];
  return [
    {
      type: 'KeyUserChanged',
      eventId: context.newEventId(),
      data: { previousContactPersonIds: before, contactPersonIds: after },
      rule: 'contacts.key_user_changed',
      evidence: [cause],
    },
  ];
}

function addContactPerson(
  command: AddContactPerson,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  requireAssignedOrRos(client, context);
  if (client.contactPersons[command.contactPersonId]) {
    refuse('contact_person_exists', `contact person ${command.contactPersonId} already exists`);
  }
  const { type: _type, ...data } = command;
  const added: DecidedEvent = { type: 'ContactPersonAdded', eventId: context.newEventId(), data };
  const after = keyUsers({ ...client.contactPersons, [data.contactPersonId]: data });
  return [added, ...keyUserChange(keyUsers(client.contactPersons), after, context, added.eventId)];
}

function changeContactPerson(
  command: ChangeContactPerson,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  requireAssignedOrRos(client, context);
  const person = client.contactPersons[command.contactPersonId];
  if (!person)
    return refuse(
      'contact_person_not_found',
      `contact person ${command.contactPersonId} not found`,
      'not_found',
    );
  const { type: _type, ...data } = command;
  const changed: DecidedEvent = { type: 'ContactPersonChanged', eventId: context.newEventId(), data };
  const after = keyUsers({ ...client.contactPersons, [person.contactPersonId]: { ...person, ...data } });
  return [changed, ...keyUserChange(keyUsers(client.contactPersons), after, context, changed.eventId)];
}

/** The ПМ's own work: the client's personal manager (or the one it is handed to), or ROS. */
function requirePmOrRos(client: RegisteredClient, context: CommandContext): void {
  const { actor } = context;
  if (actor.role === 'ROS' || actor.role === 'SYSTEM') return;
  const handedTo = client.responsible.role === 'PM' ? client.responsible.employeeId : null;
  if (actor.role === 'PM' && (actor.id === client.pmId || actor.id === handedTo)) return;
  refuse(
    'not_personal_manager',
    `${actor.role} ${actor.id} is not this client's personal manager`,
    'forbidden',
  );
}

function decisionMakerStep(
  command: RecordDecisionMakerStep,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  requirePmOrRos(client, context);
  const due = client.decisionMakerContact;
  if (!due)
    return refuse('no_decision_maker_contact_due', 'no decision-maker contact is due for this client now');
  if (command.step === 'call' && due.step === 'email') {
    refuse('decision_maker_email_first', 'the e-mail with top questions goes first, then the call');
  }
  if (command.step === 'email' && due.step === 'call') return []; // already sent
  const data = { month: due.month, ...(command.comment ? { comment: command.comment } : {}) };
  return [
    command.step === 'email'
      ? { type: 'DecisionMakerEmailSent', eventId: context.newEventId(), data }
      : { type: 'DecisionMakerCalled', eventId: context.newEventId(), data },
  ];
}

function competitorDiagnostics(
  command: RecordCompetitorDiagnostics,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  requirePmOrRos(client, context);
  const month = context.time.dateOf(context.now).slice(0, 7);
  const halfYear =
    client.competitorDiagnosticsDue?.halfYear ??
    `${month.slice(0, 4)}-H${Number(month.slice(5)) <= 6 ? 1 : 2}`;
  return [
    {
      type: 'CompetitorDiagnosed',
      eventId: context.newEventId(),
      data: {
        halfYear,
        competitor: command.competitor,
        competitors: command.competitors,
        ...(command.comment ? { comment: command.comment } : {}),
      },
    },
  ];
}

/** Contacts: the client's own КПП, its ПМ, or ROS. */
function requireAssignedOrRos(client: RegisteredClient, context: CommandContext): void {
  const { actor } = context;
  if (actor.role === 'ROS' || actor.role === 'SYSTEM') return;
  if (actor.role === 'KPP' && client.kppId === actor.id) return;
  if (
    actor.role === 'PM' &&
    (client.pmId === actor.id ||
      (client.responsible.role === 'PM' && client.responsible.employeeId === actor.id))
  ) {
    return;
  }
  refuse('not_assigned', `${actor.role} ${actor.id} does not serve this client`, 'forbidden');
}

function planContact(
  command: PlanContact,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  requireAssignedOrRos(client, context);
  if (client.openContacts[command.contactId])
    refuse('contact_already_planned', `contact ${command.contactId} is already planned`);
  const { type: _type, ...data } = command;
  const { actor } = context;
  const assignee =
    actor.role === 'KPP' || actor.role === 'PM'
      ? { role: actor.role, employeeId: actor.id }
      : { role: 'KPP' as const, employeeId: client.kppId };
  return [{ type: 'ContactPlanned', eventId: context.newEventId(), data: { ...data, assignee } }];
}

function openContact(client: RegisteredClient, contactId: string) {
  const contact = client.openContacts[contactId];
  if (!contact)
    return refuse(
      'contact_not_open',
      `contact ${contactId} is not an open contact of this client`,
      'not_found',
    );
  return contact;
}

function recordCallAttempt(
  command: RecordCallAttempt,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  requireAssignedOrRos(client, context);
  openContact(client, command.contactId);
  const at = new Date(command.occurredAt);
  if (at.getTime() > context.now.getTime())
    refuse('attempt_in_future', `an attempt cannot happen after now (${command.occurredAt})`);
  const attempt: DecidedEvent = {
    type: 'CallAttempted',
    eventId: context.newEventId(),
    occurredAt: at.toISOString(),
    data: {
      contactId: command.contactId,
      outcome: command.outcome,
      ...(command.durationSec !== undefined ? { durationSec: command.durationSec } : {}),
      channel: 'phone',
      direction: 'outgoing',
    },
  };
  if (!command.callbackInMinutes) return [attempt];
  return [
    attempt,
    {
      type: 'CallbackScheduled',
      eventId: context.newEventId(),
      occurredAt: at.toISOString(),
      data: {
        contactId: command.contactId,
        inMinutes: command.callbackInMinutes,
        callbackAt: new Date(at.getTime() + command.callbackInMinutes * 60_000).toISOString(),
      },
    },
  ];
}

function closeContact(
  command: CloseContact,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  requireAssignedOrRos(client, context);
  const contact = openContact(client, command.contactId);
  const stages = [...new Set(command.stages)].sort((a, b) => a - b);
  const onDate = context.time.dateOf(context.now);
  return [
    {
      type: 'ContactClosed',
      eventId: context.newEventId(),
      data: {
        contactId: command.contactId,
        closingReason: command.closingReason,
        stages,
        instrumentsUsed: command.instrumentsUsed,
        instrumentsPlanned: contact.instrumentsPlanned,
      },
    },
    ...stages.map((stage): DecidedEvent => ({
      type: 'StageCompleted',
      eventId: context.newEventId(),
      data: { stage, contactId: command.contactId, onDate },
    })),
  ];
}

/** For commands on an existing client: the registered state, or 404. */
export function requireRegistered(state: ClientState, _ric: string): RegisteredClient {
  if (state.status !== 'registered') return refuse('client_not_found', 'client not found', 'not_found');
  return state;
}

function registerClient(
  command: RegisterClient,
  state: ClientState,
  context: CommandContext,
): DecidedEvent[] {
  if (state.status === 'registered') {
    refuse('client_already_registered', `client ${command.clientId} is already registered`);
  }
  const { type: _type, ...data } = command;
  return [{ type: 'ClientRegistered', eventId: context.newEventId(), data: { ...data, ric: context.ric } }];
}

/** A КПП acts only for their own client while they are responsible; a ПМ only while responsible. */
function requireResponsibleOrRos(
  client: RegisteredClient,
  context: CommandContext,
  extraRoles: string[] = [],
): void {
  const { actor } = context;
  if (actor.role === 'ROS' || actor.role === 'SYSTEM' || extraRoles.includes(actor.role)) return;
  if (
    (actor.role === 'KPP' || actor.role === 'PM') &&
    client.responsible.role === actor.role &&
    client.responsible.employeeId === actor.id
  ) {
    return;
  }
  refuse(
    'not_responsible',
    `${actor.role} ${actor.id} is not responsible for this client (now ${client.responsible.role} ${client.responsible.employeeId})`,
    'forbidden',
  );
}

function issueInvoice(
  command: IssueInvoice,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  if (client.receivables.invoiceIds[command.invoiceId]) {
    refuse('invoice_already_issued', `invoice ${command.invoiceId} is already recorded`);
  }
  return [
    {
      type: 'InvoiceIssued',
      eventId: context.newEventId(),
      data: { invoiceId: command.invoiceId, amount: command.amount, issuedOn: command.issuedOn },
    },
  ];
}

function recordPayment(
  command: RecordPayment,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  requireResponsibleOrRos(client, context, ['ADMIN']);
  if (client.receivables.paymentIds[command.paymentId]) {
    refuse('payment_already_recorded', `payment ${command.paymentId} is already recorded`);
  }
  if (command.paidOn > context.time.dateOf(context.now)) {
    refuse('value_date_in_future', `a payment cannot have a value date (${command.paidOn}) after today`);
  }
  return [
    {
      type: 'PaymentReceived',
      eventId: context.newEventId(),
      data: { paymentId: command.paymentId, amount: command.amount, paidOn: command.paidOn },
    },
  ];
}

function recordPaymentPromise(
  command: RecordPaymentPromise,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  requireResponsibleOrRos(client, context);
  const today = context.time.dateOf(context.now);
  if (command.promisedOn < today) {
    refuse('promise_date_in_past', `the agreed day ${command.promisedOn} is before today (${today})`);
  }
  const open = openPromiseOf(client);
  if (open) {
    refuse('promise_already_open', `promise ${open.promiseId} for ${open.promisedOn} is still open`);
  }
  if (client.receivables.promises.some((p) => p.promiseId === command.promiseId)) {
    refuse('promise_already_recorded', `promise ${command.promiseId} is already recorded`);
  }
  const fee = toKopecks(client.monthlyFee);
  const unpaid = unpaidAmount(client.receivables.invoiced, client.receivables.paid);
  const target = command.amount !== undefined ? toKopecks(command.amount) : unpaid;
  if (target <= 0) refuse('nothing_to_promise', 'the client owes nothing and no amount was promised');
  let remindOn: string | undefined;
  if (command.remind) {
    // Nobody calls on a day off: a reminder day that is one moves to the working day before.
    remindOn = command.remindOn
      ? context.time.workingDayOnOrBefore(command.remindOn)
      : context.time.reminderDay(command.promisedOn);
    // Asked for a reminder too late for the day before: call today.
    if (remindOn < today) remindOn = today;
    if (remindOn > command.promisedOn) {
      refuse(
        'reminder_after_agreed_day',
        `the reminder (${remindOn}) must not be after the agreed day (${command.promisedOn})`,
      );
    }
  }
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
        projectedDebtMonths: projectedDebtMonths(unpaid, fee, client.billingDay, today, command.promisedOn),
      },
    },
  ];
}

function refusePaymentDate(
  command: RefusePaymentDate,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  requireResponsibleOrRos(client, context);
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
  requireResponsibleOrRos(client, context);
  const promise = client.receivables.promises.find((p) => p.promiseId === command.promiseId);
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
  requireResponsibleOrRos(client, context);
  if (client.responsible.role === 'PM')
    refuse('already_with_pm', 'the client is already with its personal manager');
  return handoverEvents(client, context, 'manual', client.pmId, [], command.comment);
}

function takeAsThreat(
  command: TakeClientAsThreat,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  const { actor } = context;
  if (actor.role !== 'PM' && actor.role !== 'ROS') {
    refuse(
      'not_a_personal_manager',
      'only a personal manager (or ROS) takes a client as a threat',
      'forbidden',
    );
  }
  if (client.responsible.role === 'PM')
    refuse('already_with_pm', 'the client is already with a personal manager');
  const pmId = actor.role === 'PM' ? actor.id : client.pmId;
  return handoverEvents(client, context, 'manual', pmId, [], command.comment);
}

/** Firing twice appends once: a deadline no longer pending (fired or cancelled) decides nothing. */
function fireDeadline(
  command: FireDeadline,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  const deadline = client.deadlines[command.deadlineId];
  if (!deadline) return [];
  return [
    {
      type: 'DeadlineFired',
      eventId: context.newEventId(),
      occurredAt: deadline.dueAt,
      data: {
        deadlineId: command.deadlineId,
        kind: deadline.kind,
        dueAt: deadline.dueAt,
        ...(deadline.promiseId ? { promiseId: deadline.promiseId } : {}),
      },
    },
  ];
}

/** Лист передачи клиента, from the state at the handover. */
export function handoverSheet(client: RegisteredClient, kppComment?: string): HandoverSheet {
  const r = client.receivables;
  const unpaid = unpaidAmount(r.invoiced, r.paid);
  return {
    unpaid: toRoubles(unpaid),
    debtMonths: debtMonths(unpaid, toKopecks(client.monthlyFee)),
    monthlyFee: client.monthlyFee,
    promises: r.promises.map((p) => ({
      promiseId: p.promiseId,
      promisedOn: p.promisedOn,
      ...(p.amount !== undefined ? { amount: toRoubles(p.amount) } : {}),
      target: toRoubles(p.target),
      status: p.status,
    })),
    brokenPromisesInRow: r.brokenPromisesInRow,
    contacts: Object.values(client.contactPersons).map((p) => ({
      contactPersonId: p.contactPersonId,
      name: p.name,
      roles: p.roles,
      phones: p.phones,
      emails: p.emails,
    })),
    ...(kppComment ? { kppComment } : {}),
  };
}

/**
 * A handover to the ПМ as a threat: the threat, then the handover with its sheet. The same for a
 * person's decision (`manual`) and for a rule that fired (then `rule` and `evidence` are set).
 */
export function handoverEvents(
  client: RegisteredClient,
  context: CommandContext,
  reason: HandoverReason,
  toPmId: string,
  evidence: string[],
  comment?: string,
): DecidedEvent[] {
  const threatId = context.newEventId();
  const automatic = reason !== 'manual';
  const because = automatic ? { rule: `receivables.${reason}`, evidence } : {};
  return [
    {
      type: 'ThreatRaised',
      eventId: threatId,
      data: { threatId, threatType: reason, ...(comment ? { comment } : {}) },
      ...because,
    },
    {
      type: 'HandedOverToPM',
      eventId: context.newEventId(),
      data: {
        threatId,
        reason,
        fromKppId: client.responsible.role === 'KPP' ? client.responsible.employeeId : client.kppId,
        toPmId,
        sheet: handoverSheet(client, comment),
      },
      ...because,
    },
  ];
}

/** Equal field by field, whatever the order of the keys (stored JSON does not keep it). */
const sameFields = (a: object, b: object): boolean => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
};
