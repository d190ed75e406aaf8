import { refuse } from '../shared/domain-error';
import type { CommandContext } from '../shared/roles';
import type { DecidedEvent } from '../shared/decided-event';
import { assertNever } from '../shared/unions';
import type { RegisteredClient } from '../client/state';
import type {
  AddContactPerson,
  ChangeContactPerson,
  ContactPersonsCommand,
  EraseContactPerson,
} from './commands';
import { keyUsersOf } from './state';

export function decideContactPersons(
  command: ContactPersonsCommand,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  switch (command.type) {
    case 'AddContactPerson':
      return addContactPerson(command, client, context);
    case 'ChangeContactPerson':
      return changeContactPerson(command, client, context);
    case 'EraseContactPerson':
      return eraseContactPerson(command, client, context);
    default:
      return assertNever(command);
  }
}

/** A change of who the key users are, once there was one: a threat signal [002]. */
function keyUserChange(
  before: string[],
  after: string[],
  context: CommandContext,
  cause: string,
): DecidedEvent[] {
  if (before.length === 0 || before.join('\n') === after.join('\n')) return [];
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
  if (client.contactPersons[command.contactPersonId]) {
    refuse('contact_person_exists', `contact person ${command.contactPersonId} already exists`);
  }
  const { type: _type, ...data } = command;
  const added: DecidedEvent = { type: 'ContactPersonAdded', eventId: context.newEventId(), data };
  const after = keyUsersOf({ ...client.contactPersons, [data.contactPersonId]: data });
  return [added, ...keyUserChange(keyUsersOf(client.contactPersons), after, context, added.eventId)];
}

function changeContactPerson(
  command: ChangeContactPerson,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  const person = client.contactPersons[command.contactPersonId];
  if (!person)
    return refuse(
      'contact_person_not_found',
      `contact person ${command.contactPersonId} not found`,
      'not_found',
    );
  if (person.erased)
    refuse('contact_person_erased', `contact person ${command.contactPersonId} was erased (152-ФЗ)`);
  const { type: _type, ...data } = command;
  const changed: DecidedEvent = { type: 'ContactPersonChanged', eventId: context.newEventId(), data };
  const after = keyUsersOf({ ...client.contactPersons, [person.contactPersonId]: { ...person, ...data } });
  return [changed, ...keyUserChange(keyUsersOf(client.contactPersons), after, context, changed.eventId)];
}

/** Erasure on request (152-ФЗ): once; the key is deleted by the store when the event is appended. */
function eraseContactPerson(
  command: EraseContactPerson,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  const person = client.contactPersons[command.contactPersonId];
  if (!person)
    return refuse(
      'contact_person_not_found',
      `contact person ${command.contactPersonId} not found`,
      'not_found',
    );
  if (person.erased)
    refuse('contact_person_erased', `contact person ${command.contactPersonId} was erased already`);
  return [
    {
      type: 'ContactPersonErased',
      eventId: context.newEventId(),
      data: { contactPersonId: person.contactPersonId, reason: command.reason },
    },
  ];
}
