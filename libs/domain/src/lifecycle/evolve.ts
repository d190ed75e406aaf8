import type { EventFacts } from '../client/facts';
import type { RegisteredClient } from '../client/state';
import { assertNever } from '../shared/unions';
import type { LifecycleEvent } from './events';

export function evolveLifecycle(state: RegisteredClient, event: LifecycleEvent, facts: EventFacts): void {
  // the transfer's record is replaced, never changed in place: a state's clone shares it (client/evolve.ts)
  switch (event.type) {
    case 'TransferToRemoteServiceStarted':
      state.lifecycle = 'transferring';
      state.transfer = { ...state.transfer, startedAt: facts.occurredAt };
      return;
    case 'TransferLetterSent':
      state.transfer = { ...state.transfer, letterSentAt: facts.occurredAt };
      return;
    case 'FinalEngineerVisitCompleted':
      state.transfer = { ...state.transfer, engineerVisitAt: facts.occurredAt };
      return;
    case 'FirstRemoteCallCompleted':
      state.transfer = { ...state.transfer, firstRemoteCallAt: facts.occurredAt };
      state.lifecycle = state.responsible.role === 'PM' ? 'escalated' : 'active';
      return;
    case 'ClientLeftRemoteService':
      state.lifecycle = event.data.to;
      // nothing more is planned or owed for a client off remote service
      state.openContacts = {};
      delete state.decisionMakerContact;
      delete state.competitorDiagnosticsDue;
      delete state.engagementOverdueSince;
      return;
    default:
      return assertNever(event);
  }
}
