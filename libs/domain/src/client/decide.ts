import { refuse } from '../shared/domain-error';
import type { CommandContext } from '../shared/roles';
import type { DecidedEvent } from '../shared/decided-event';
import { assertNever, typeGuard } from '../shared/unions';
import type { DomainCommand } from './commands';
import type { ClientState, RegisteredClient } from './state';
import { authorize } from './access';
import { registerClient, decideRegistration } from '../registration/decide';
import { REGISTRATION_COMMAND_TYPES } from '../registration/commands';
import { decideReceivables } from '../receivables/decide';
import { RECEIVABLES_COMMAND_TYPES } from '../receivables/commands';
import { decideContacts } from '../contacts/decide';
import { CONTACTS_COMMAND_TYPES } from '../contacts/commands';
import { decideContactPersons } from '../contact-persons/decide';
import { CONTACT_PERSONS_COMMAND_TYPES } from '../contact-persons/commands';
import { decidePmWork } from '../pm-work/decide';
import { PM_WORK_COMMAND_TYPES } from '../pm-work/commands';
import { decideUsage } from '../usage/decide';
import { USAGE_COMMAND_TYPES } from '../usage/commands';
import { decideDeadlines } from '../deadlines/decide';
import { DEADLINES_COMMAND_TYPES } from '../deadlines/commands';
import { decideReviews } from '../reviews/decide';
import { REVIEWS_COMMAND_TYPES } from '../reviews/commands';

const isRegistration = typeGuard(REGISTRATION_COMMAND_TYPES);
const isReceivables = typeGuard(RECEIVABLES_COMMAND_TYPES);
const isContacts = typeGuard(CONTACTS_COMMAND_TYPES);
const isContactPersons = typeGuard(CONTACT_PERSONS_COMMAND_TYPES);
const isPmWork = typeGuard(PM_WORK_COMMAND_TYPES);
const isUsage = typeGuard(USAGE_COMMAND_TYPES);
const isDeadlines = typeGuard(DEADLINES_COMMAND_TYPES);
const isReviews = typeGuard(REVIEWS_COMMAND_TYPES);

/**
 * decide(command, state) → the events that record what the command did, or a DomainError.
 * Routes each command to its capability after the access policy; pure: time, actor and ids come
 * in `context`. What follows automatically is decided by the workflows in libs/workflows.
 */
export function decide(command: DomainCommand, state: ClientState, context: CommandContext): DecidedEvent[] {
  if (command.type === 'RegisterClient') return registerClient(command, state, context);
  const client = requireRegistered(state);
  authorize(command, client, context.actor);
  if (isRegistration(command)) return decideRegistration(command, client, context);
  if (isReceivables(command)) return decideReceivables(command, client, context);
  if (isContacts(command)) return decideContacts(command, client, context);
  if (isContactPersons(command)) return decideContactPersons(command, client, context);
  if (isPmWork(command)) return decidePmWork(command, client, context);
  if (isUsage(command)) return decideUsage(command, client, context);
  if (isDeadlines(command)) return decideDeadlines(command, client, context);
  if (isReviews(command)) return decideReviews(command, client, context);
  return assertNever(command);
}

/** For commands on an existing client: the registered state, or 404. */
export function requireRegistered(state: ClientState): RegisteredClient {
  if (state.status !== 'registered') return refuse('client_not_found', 'client not found', 'not_found');
  return state;
}
