import type { EventFacts } from '../client/facts';
import type { RegisteredClient } from '../client/state';
import { pathSafeId } from '../shared/ids';
import { assertNever } from '../shared/unions';
import { withPromise } from '../receivables/evolve';
import type { DeadlinesEvent } from './events';

export function evolveDeadlines(state: RegisteredClient, event: DeadlinesEvent, facts: EventFacts): void {
  // deadlines set before ids were path-safe are kept under today's form of their id
  const deadlineId = pathSafeId(event.data.deadlineId);
  switch (event.type) {
    case 'DeadlineSet':
      state.deadlines[deadlineId] = {
        kind: event.data.kind,
        dueAt: event.data.dueAt,
        ...(event.data.promiseId ? { promiseId: event.data.promiseId } : {}),
        setEventId: facts.eventId,
      };
      if (event.data.kind === 'payment_reminder' && event.data.promiseId) {
        withPromise(state, event.data.promiseId, (p) => (p.reminderAt = event.data.dueAt));
      }
      return;
    case 'DeadlineCancelled':
    case 'DeadlineFired':
      delete state.deadlines[deadlineId];
      return;
    default:
      return assertNever(event);
  }
}
