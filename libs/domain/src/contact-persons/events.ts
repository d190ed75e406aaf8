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

/**
 * A person's personal data erased on request (152-ФЗ): their key is deleted, so every earlier event
 * shows them as erased from now on (ADR 0058). Roles stay: they are the client's, not the person's.
 */
export interface ContactPersonErased {
  type: 'ContactPersonErased';
  data: { contactPersonId: string; reason: string };
}

export type ContactPersonsEvent =
  ContactPersonAdded | ContactPersonChanged | KeyUserChanged | ContactPersonErased;

export const CONTACT_PERSONS_EVENT_TYPES: Record<ContactPersonsEvent['type'], true> = {
  ContactPersonAdded: true,
  ContactPersonChanged: true,
  KeyUserChanged: true,
  ContactPersonErased: true,
};
