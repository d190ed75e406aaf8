import type { EventFacts } from '../client/facts';
import type { RegisteredClient } from '../client/state';
import { assertNever } from '../shared/unions';
import type { PmWorkEvent } from './events';

export function evolvePmWork(state: RegisteredClient, event: PmWorkEvent, facts: EventFacts): void {
  switch (event.type) {
    case 'DecisionMakerContactDue':
      state.decisionMakerContact = { month: event.data.month, step: 'email', since: facts.occurredAt };
      return;
    case 'DecisionMakerEmailSent':
      if (state.decisionMakerContact)
        state.decisionMakerContact = { ...state.decisionMakerContact, step: 'call', since: facts.occurredAt };
      return;
    case 'DecisionMakerCalled':
      delete state.decisionMakerContact;
      return;
    case 'CompetitorDiagnosticsDue':
      state.competitorDiagnosticsDue = { halfYear: event.data.halfYear, since: facts.occurredAt };
      return;
    case 'CompetitorDiagnosed':
      delete state.competitorDiagnosticsDue;
      state.lastCompetitor = {
        halfYear: event.data.halfYear,
        competitor: event.data.competitor,
        competitors: event.data.competitors,
      };
      return;
    default:
      return assertNever(event);
  }
}
