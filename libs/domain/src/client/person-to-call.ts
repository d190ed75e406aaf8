import type { ContactPersonRole } from '../contact-persons/events';
import type { ContactPerson } from '../contact-persons/state';
import type { RegisteredClient } from './state';
import type { WorkItemKind } from './work-items';

/**
 * Whom to call for a work item, by the item's purpose: a payment call goes to the payer (ЧДД),
 * the ПМ's decision-maker work to the ЛПР, service calls to the key user. The first role of the list
 * that someone holds wins; then anyone (the person of a contact planned with one always wins).
 */
const ROLES_BY_KIND: Record<WorkItemKind, ContactPersonRole[]> = {
  payment_reminder: ['payer', 'decision_maker'],
  payment_follow_up: ['payer', 'decision_maker'],
  threat: ['payer', 'decision_maker'],
  planned_contact: ['key_user', 'decision_maker'],
  unplanned_contact: ['key_user', 'decision_maker'],
  callback: ['key_user', 'decision_maker'],
  engagement_overdue: ['key_user', 'decision_maker'],
  key_user_changed: ['key_user', 'decision_maker'],
  decision_maker_email: ['decision_maker'],
  decision_maker_call: ['decision_maker'],
  competitor_diagnostics: ['decision_maker', 'key_user'],
};

/** The id of the contact person (КЛ) to call for an item of this kind, if the client has any. */
export function contactPersonToCall(
  client: RegisteredClient,
  kind: WorkItemKind,
  contactPersonId?: string,
): string | undefined {
  if (contactPersonId && client.contactPersons[contactPersonId]) return contactPersonId;
  const persons: ContactPerson[] = Object.values(client.contactPersons).sort((a, b) =>
    a.contactPersonId < b.contactPersonId ? -1 : a.contactPersonId > b.contactPersonId ? 1 : 0,
  );
  for (const role of ROLES_BY_KIND[kind]) {
    const holder = persons.find((p) => p.roles.includes(role));
    if (holder) return holder.contactPersonId;
  }
  return persons[0]?.contactPersonId;
}
