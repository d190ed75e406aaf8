/** Every command on a client, by capability. */
import { REGISTRATION_COMMAND_TYPES, RegistrationCommand } from '../registration/commands';
import { LIFECYCLE_COMMAND_TYPES, LifecycleCommand } from '../lifecycle/commands';
import { RECEIVABLES_COMMAND_TYPES, ReceivablesCommand } from '../receivables/commands';
import { CONTACTS_COMMAND_TYPES, ContactsCommand } from '../contacts/commands';
import { CONTACT_PERSONS_COMMAND_TYPES, ContactPersonsCommand } from '../contact-persons/commands';
import { PM_WORK_COMMAND_TYPES, PmWorkCommand } from '../pm-work/commands';
import { USAGE_COMMAND_TYPES, UsageCommand } from '../usage/commands';
import { DEADLINES_COMMAND_TYPES, DeadlinesCommand } from '../deadlines/commands';
import { REVIEWS_COMMAND_TYPES, ReviewsCommand } from '../reviews/commands';

export type * from '../registration/commands';
export type * from '../lifecycle/commands';
export type * from '../receivables/commands';
export type * from '../contacts/commands';
export type * from '../contact-persons/commands';
export type * from '../pm-work/commands';
export type * from '../usage/commands';
export type * from '../deadlines/commands';
export type * from '../reviews/commands';

/** The commands the domain's deciders decide (lifecycle commands are the lifecycle machine's). */
export type DomainCommand =
  | RegistrationCommand
  | ReceivablesCommand
  | ContactsCommand
  | ContactPersonsCommand
  | PmWorkCommand
  | UsageCommand
  | DeadlinesCommand
  | ReviewsCommand;

/** Everything that can be asked of a client. */
export type ClientCommand = DomainCommand | LifecycleCommand;

export type ClientCommandType = ClientCommand['type'];

export const CLIENT_COMMAND_TYPES: Record<ClientCommandType, true> = {
  ...REGISTRATION_COMMAND_TYPES,
  ...LIFECYCLE_COMMAND_TYPES,
  ...RECEIVABLES_COMMAND_TYPES,
  ...CONTACTS_COMMAND_TYPES,
  ...CONTACT_PERSONS_COMMAND_TYPES,
  ...PM_WORK_COMMAND_TYPES,
  ...USAGE_COMMAND_TYPES,
  ...DEADLINES_COMMAND_TYPES,
  ...REVIEWS_COMMAND_TYPES,
};
export { LIFECYCLE_COMMAND_TYPES } from '../lifecycle/commands';
