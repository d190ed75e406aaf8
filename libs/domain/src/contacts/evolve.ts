import type { EventFacts } from '../client/facts';
import type { RegisteredClient } from '../client/state';
import { pathSafeId } from '../shared/ids';
import { assertNever } from '../shared/unions';
import type { ContactsEvent } from './events';
import { isEngagementStage } from './codes';
import { CONNECTED_OUTCOMES, noteConnectedCall } from '../reviews/state';

export function evolveContacts(state: RegisteredClient, event: ContactsEvent, facts: EventFacts): void {
  // contacts recorded before ids were path-safe are kept under today's form of their id
  const contactId = 'contactId' in event.data ? pathSafeId(event.data.contactId) : '';
  switch (event.type) {
    case 'ContactPlanned':
      state.openContacts[contactId] = {
        contactId,
        kind: event.data.kind,
        reason: event.data.reason,
        plannedAt: event.data.plannedAt,
        ...(event.data.contactPersonId ? { contactPersonId: event.data.contactPersonId } : {}),
        ...(event.data.servicePointId ? { servicePointId: event.data.servicePointId } : {}),
        assignee: event.data.assignee,
        instrumentsPlanned: event.data.instrumentsPlanned ?? [],
        attempts: 0,
      };
      return;
    case 'CallAttempted': {
      const contact = state.openContacts[contactId];
      if (contact) {
        contact.attempts += 1;
        contact.lastOutcome = event.data.outcome;
        delete contact.callbackAt;
        // reviews need to know, after the contact closes, that there was a call to listen to
        if (CONNECTED_OUTCOMES.has(event.data.outcome))
          noteConnectedCall(state, contactId, contact.assignee, facts.occurredAt);
      }
      return;
    }
    case 'CallbackScheduled': {
      const contact = state.openContacts[contactId];
      if (contact) contact.callbackAt = event.data.callbackAt;
      return;
    }
    case 'ContactClosed':
      // the ПМ's own contact answers a key-user change
      if (state.openContacts[contactId]?.assignee.role === 'PM') delete state.keyUserChangedAt;
      delete state.openContacts[contactId];
      return;
    case 'ContactMissed':
    case 'ContactNotOwed':
      delete state.openContacts[contactId];
      return;
    case 'StageCompleted':
      if (event.data.stage === 1) state.receivedByPmAt ??= event.data.onDate;
      if (isEngagementStage(event.data.stage)) {
        const month = event.data.onDate.slice(0, 7);
        if (!state.lastEngagementMonth || month > state.lastEngagementMonth)
          state.lastEngagementMonth = month;
        delete state.engagementOverdueSince;
      }
      return;
    case 'EngagementOverdue':
      state.engagementOverdueSince ??= facts.occurredAt;
      return;
    default:
      return assertNever(event);
  }
}
