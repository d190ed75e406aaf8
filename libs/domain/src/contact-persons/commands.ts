import type { ContactPersonDetails } from './events';

export interface AddContactPerson extends ContactPersonDetails {
  type: 'AddContactPerson';
  contactPersonId: string;
}

export interface ChangeContactPerson extends Partial<ContactPersonDetails> {
  type: 'ChangeContactPerson';
  contactPersonId: string;
}

/** Erase a contact person's personal data on their request (ADMIN, with the reason). */
export interface EraseContactPerson {
  type: 'EraseContactPerson';
  contactPersonId: string;
  reason: string;
}

export type ContactPersonsCommand = AddContactPerson | ChangeContactPerson | EraseContactPerson;

export const CONTACT_PERSONS_COMMAND_TYPES: Record<ContactPersonsCommand['type'], true> = {
  AddContactPerson: true,
  ChangeContactPerson: true,
  EraseContactPerson: true,
};
