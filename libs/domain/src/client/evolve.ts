import { ClientEvent } from './client-events';
import { ClientState, initialClientState } from './client-state';

/** The facts an evolve step may need besides the event itself. */
export interface EventFacts {
  occurredAt: string;
  eventId: string;
}

export function evolve(state: ClientState, event: ClientEvent, facts: EventFacts): ClientState {
  switch (event.type) {
    case 'ClientRegistered':
      return {
        status: 'registered',
        ...event.data,
        lifecycle: 'candidate',
        responsible: { role: 'KPP', employeeId: event.data.kppId },
        registeredAt: facts.occurredAt,
      };
  }
}

export interface FoldableEvent {
  type: string;
  data: unknown;
  metadata: { occurredAt: string; eventId: string };
}

/** The state after a stream's events; events of types this version does not know are passed over. */
export function foldClient(
  events: readonly FoldableEvent[],
  from: ClientState = initialClientState,
): ClientState {
  return events.reduce<ClientState>(
    (state, e) =>
      isClientEvent(e)
        ? evolve(state, e as ClientEvent, { occurredAt: e.metadata.occurredAt, eventId: e.metadata.eventId })
        : state,
    from,
  );
}

const KNOWN_TYPES: ReadonlySet<string> = new Set<ClientEvent['type']>(['ClientRegistered']);
const isClientEvent = (e: { type: string }): boolean => KNOWN_TYPES.has(e.type);
