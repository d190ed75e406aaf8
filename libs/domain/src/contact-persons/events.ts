/** Events of the client's contact persons (КЛ). */

/** ЛПР, ЛВПР/ЛВР, ключевой пользователь, ЧДД. */
export type ContactPersonRole = 'decision_maker' | 'influencer' | 'key_user' | 'payer';

export interface ContactPersonDetails {
  name: string;
  roles: ContactPersonRole[];
  phones: string[];
  emails: string[];
  interests: string[];
  position?: string;
  /** Subscribed to the РИЦ's newsletter ([001] trigger 8). */
  subscribedToNewsletter?: boolean;
}

export interface ContactPersonAdded {
  type: 'ContactPersonAdded';
  data: { contactPersonId: string } & ContactPersonDetails;
}

export interface ContactPersonChanged {
  type: 'ContactPersonChanged';
  data: { contactPersonId: string } & Partial<ContactPersonDetails>;
}

/** The key user is someone else now: a threat signal for the ПМ [002]. */
export interface KeyUserChanged {
  type: 'KeyUserChanged';
  data: { previousContactPersonIds: string[]; contactPersonIds: string[] };
}

export type ContactPersonsEvent = ContactPersonAdded | ContactPersonChanged | KeyUserChanged;

export const CONTACT_PERSONS_EVENT_TYPES: Record<ContactPersonsEvent['type'], true> = {
  ContactPersonAdded: true,
  ContactPersonChanged: true,
  KeyUserChanged: true,
};
