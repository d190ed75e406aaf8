import { refuse } from '../shared/domain-error';
import type { CommandContext } from '../shared/roles';
import type { DecidedEvent } from '../shared/decided-event';
import { pathSafeId } from '../shared/ids';
import { assertNever } from '../shared/unions';
import type { OpenContact, RegisteredClient } from '../client/state';
import type { CloseContact, ContactsCommand, PlanContact, RecordCallAttempt } from './commands';
import { stagesOfClosing } from './codes';

export function decideContacts(
  command: ContactsCommand,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  switch (command.type) {
    case 'PlanContact':
      return planContact(command, client, context);
    case 'RecordCallAttempt':
      return recordCallAttempt(command, client, context);
    case 'CloseContact':
      return closeContact(command, client, context);
    default:
      return assertNever(command);
  }
}

function planContact(
  command: PlanContact,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
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

/** An open contact by the id an app sends (old ids with a `/` are read in today's form). */
function openContact(client: RegisteredClient, contactId: string): OpenContact {
  const contact = client.openContacts[pathSafeId(contactId)];
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
  const { contactId } = openContact(client, command.contactId);
  const at = new Date(command.occurredAt);
  if (at.getTime() > context.now.getTime())
    refuse('attempt_in_future', `an attempt cannot happen after now (${command.occurredAt})`);
  const attempt: DecidedEvent = {
    type: 'CallAttempted',
    eventId: context.newEventId(),
    occurredAt: at.toISOString(),
    data: {
      contactId,
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
        contactId,
        inMinutes: command.callbackInMinutes,
        callbackAt: new Date(at.getTime() + command.callbackInMinutes * 60_000).toISOString(),
      },
    },
  ];
}

/**
 * Closing a contact records the stages done in it: those named, and the one its closing reason
 * names («Этап 4 — Вывод новшеств» is stage 4). Stage 1, the reception into remote service, is
 * the ПМ's and happens once.
 */
function closeContact(
  command: CloseContact,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  const contact = openContact(client, command.contactId);
  const stages = [...new Set([...command.stages, ...stagesOfClosing(command.closingReason)])].sort(
    (a, b) => a - b,
  );
  if (stages.includes(1)) {
    if (context.actor.role !== 'PM' && context.actor.role !== 'SYSTEM')
      refuse('stage_1_by_personal_manager', 'stage 1 (приём клиента в отдел ДС) is the personal manager’s');
    if (client.receivedByPmAt) refuse('stage_1_already_done', `stage 1 was done on ${client.receivedByPmAt}`);
  }
  const onDate = context.time.dateOf(context.now);
  return [
    {
      type: 'ContactClosed',
      eventId: context.newEventId(),
      data: {
        contactId: contact.contactId,
        closingReason: command.closingReason,
        stages,
        instrumentsUsed: command.instrumentsUsed,
        instrumentsPlanned: contact.instrumentsPlanned,
      },
    },
    ...stages.map((stage): DecidedEvent => ({
      type: 'StageCompleted',
      eventId: context.newEventId(),
      data: { stage, contactId: contact.contactId, onDate },
    })),
  ];
}
