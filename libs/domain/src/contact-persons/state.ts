import type { ContactPersonDetails } from './events';

export type ContactPerson = ContactPersonDetails & {
  contactPersonId: string;
  /** Personal data erased (152-ФЗ): the details read as erased. */
  erased?: boolean;
};

/** What a reader sees of an erased person's name. */
export const ERASED_PERSON_NAME = 'удалено по 152-ФЗ';

export interface ContactPersonsPart {
  contactPersons: Record<string, ContactPerson>;
  /** A key user change the ПМ has not yet answered with a contact of their own. */
  keyUserChangedAt?: string;
}

/** Who the key users are now, sorted. */
export const keyUsersOf = (persons: Record<string, ContactPerson>): string[] =>
  Object.values(persons)
    .filter((p) => p.roles.includes('key_user'))
    .map((p) => p.contactPersonId)
    .sort();
