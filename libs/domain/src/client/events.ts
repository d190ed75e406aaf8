/** Every event of one client's stream `client-<ric>-<clientId>` (SPEC §2), by capability. */
import { REGISTRATION_EVENT_TYPES, RegistrationEvent } from '../registration/events';
import { LIFECYCLE_EVENT_TYPES, LifecycleEvent } from '../lifecycle/events';
import { RECEIVABLES_EVENT_TYPES, ReceivablesEvent } from '../receivables/events';
import { CONTACTS_EVENT_TYPES, ContactsEvent } from '../contacts/events';
import { CONTACT_PERSONS_EVENT_TYPES, ContactPersonsEvent } from '../contact-persons/events';
import { PM_WORK_EVENT_TYPES, PmWorkEvent } from '../pm-work/events';
import { USAGE_EVENT_TYPES, UsageEvent } from '../usage/events';
import { DEADLINES_EVENT_TYPES, DeadlinesEvent } from '../deadlines/events';
import { REVIEWS_EVENT_TYPES, ReviewsEvent } from '../reviews/events';

export type * from '../registration/events';
export type * from '../lifecycle/events';
export type * from '../receivables/events';
export type * from '../contacts/events';
export type * from '../contact-persons/events';
export type * from '../pm-work/events';
export type * from '../usage/events';
export type * from '../deadlines/events';
export type * from '../reviews/events';

export type ClientEvent =
  | RegistrationEvent
  | LifecycleEvent
  | ReceivablesEvent
  | ContactsEvent
  | ContactPersonsEvent
  | PmWorkEvent
  | UsageEvent
  | DeadlinesEvent
  | ReviewsEvent;

export type ClientEventType = ClientEvent['type'];

/** Every event type this version knows (each capability's list is checked against its union). */
const ALL_EVENT_TYPES: Record<ClientEventType, true> = {
  ...REGISTRATION_EVENT_TYPES,
  ...LIFECYCLE_EVENT_TYPES,
  ...RECEIVABLES_EVENT_TYPES,
  ...CONTACTS_EVENT_TYPES,
  ...CONTACT_PERSONS_EVENT_TYPES,
  ...PM_WORK_EVENT_TYPES,
  ...USAGE_EVENT_TYPES,
  ...DEADLINES_EVENT_TYPES,
  ...REVIEWS_EVENT_TYPES,
};

export const CLIENT_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(ALL_EVENT_TYPES));
