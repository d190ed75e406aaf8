import type { ContactPersonDetails } from './events';

export interface AddContactPerson extends ContactPersonDetails {
  type: 'AddContactPerson';
  contactPersonId: string;
}

export interface ChangeContactPerson extends Partial<ContactPersonDetails> {
  type: 'ChangeContactPerson';
  contactPersonId: string;
}

export type ContactPersonsCommand = AddContactPerson | ChangeContactPerson;

export const CONTACT_PERSONS_COMMAND_TYPES: Record<ContactPersonsCommand['type'], true> = {
  AddContactPerson: true,
  ChangeContactPerson: true,
};
