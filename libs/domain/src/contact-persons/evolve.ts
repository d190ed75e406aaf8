import type { EventFacts } from '../client/facts';
import type { RegisteredClient } from '../client/state';
import { assertNever } from '../shared/unions';
import type { ContactPersonsEvent } from './events';
import { ERASED_PERSON_NAME } from './state';

export function evolveContactPersons(
  state: RegisteredClient,
  event: ContactPersonsEvent,
  facts: EventFacts,
): void {
  switch (event.type) {
    // the people are replaced, never changed in place: a state's clone shares them (client/evolve.ts)
    case 'ContactPersonAdded':
      state.contactPersons = { ...state.contactPersons, [event.data.contactPersonId]: { ...event.data } };
      return;
    case 'ContactPersonChanged': {
      const person = state.contactPersons[event.data.contactPersonId];
      if (person)
        state.contactPersons = {
          ...state.contactPersons,
          [person.contactPersonId]: { ...person, ...event.data },
        };
      return;
    }
    case 'KeyUserChanged':
      state.keyUserChangedAt = facts.occurredAt;
      return;
    case 'ContactPersonErased': {
      const person = state.contactPersons[event.data.contactPersonId];
      if (person)
        state.contactPersons = {
          ...state.contactPersons,
          [person.contactPersonId]: {
            contactPersonId: person.contactPersonId,
            name: ERASED_PERSON_NAME,
            roles: person.roles,
            phones: [],
            emails: [],
            interests: [],
            erased: true,
          },
        };
      return;
    }
    default:
      return assertNever(event);
  }
}
