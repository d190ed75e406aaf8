import type { EventFacts } from '../client/facts';
import type { RegisteredClient } from '../client/state';
import { assertNever } from '../shared/unions';
import type { ClientAssigned, RegistrationEvent } from './events';
import { initialReceivablesPart } from '../receivables/state';

/** The state a client's first event starts. */
export function registeredClient(
  event: Extract<RegistrationEvent, { type: 'ClientRegistered' }>,
  facts: EventFacts,
): RegisteredClient {
  return {
    status: 'registered',
    ...event.data,
    lifecycle: 'candidate',
    responsible: { role: 'KPP', employeeId: event.data.kppId },
    registeredAt: facts.occurredAt,
    ...initialReceivablesPart(),
    deadlines: {},
    transfer: {},
    openContacts: {},
    contactPersons: {},
    servicePoints: {},
    usage: [],
  };
}

export function evolveRegistration(state: RegisteredClient, event: RegistrationEvent): void {
  switch (event.type) {
    case 'ClientRegistered':
      return; // a second registration is refused; nothing to apply
    case 'ServicePointAdded':
      // replaced, never changed in place: a state's clone shares it (client/evolve.ts)
      state.servicePoints = { ...state.servicePoints, [event.data.servicePointId]: { ...event.data } };
      return;
    case 'ClientAssigned':
      return reassign(state, event.data);
    default:
      return assertNever(event);
  }
}

/** The new КПП and ПМ take over whatever the previous ones had open for the client. */
function reassign(state: RegisteredClient, data: ClientAssigned['data']): void {
  const moved = (who: { role: 'KPP' | 'PM'; employeeId: string }) =>
    who.role === 'KPP' && who.employeeId === data.previousKppId
      ? { role: 'KPP' as const, employeeId: data.kppId }
      : who.role === 'PM' && who.employeeId === data.previousPmId
        ? { role: 'PM' as const, employeeId: data.pmId }
        : who;
  state.kppId = data.kppId;
  state.pmId = data.pmId;
  state.responsible = moved(state.responsible);
  for (const contact of Object.values(state.openContacts)) contact.assignee = moved(contact.assignee);
}
