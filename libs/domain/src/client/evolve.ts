import { assertNever, typeGuard } from '../shared/unions';
import { CLIENT_EVENT_TYPES, ClientEvent } from './events';
import type { EventFacts } from './facts';
import { ClientState, RegisteredClient, initialClientState } from './state';
import { REGISTRATION_EVENT_TYPES } from '../registration/events';
import { evolveRegistration, registeredClient } from '../registration/evolve';
import { LIFECYCLE_EVENT_TYPES } from '../lifecycle/events';
import { evolveLifecycle } from '../lifecycle/evolve';
import { RECEIVABLES_EVENT_TYPES } from '../receivables/events';
import { evolveReceivables } from '../receivables/evolve';
import { cloneReceivables } from '../receivables/state';
import { CONTACTS_EVENT_TYPES } from '../contacts/events';
import { evolveContacts } from '../contacts/evolve';
import { CONTACT_PERSONS_EVENT_TYPES } from '../contact-persons/events';
import { evolveContactPersons } from '../contact-persons/evolve';
import { PM_WORK_EVENT_TYPES } from '../pm-work/events';
import { evolvePmWork } from '../pm-work/evolve';
import { USAGE_EVENT_TYPES } from '../usage/events';
import { evolveUsage } from '../usage/evolve';
import { DEADLINES_EVENT_TYPES } from '../deadlines/events';
import { evolveDeadlines } from '../deadlines/evolve';
import { REVIEWS_EVENT_TYPES } from '../reviews/events';
import { evolveReviews } from '../reviews/evolve';

export type { EventFacts } from './facts';

const isRegistration = typeGuard(REGISTRATION_EVENT_TYPES);
const isLifecycle = typeGuard(LIFECYCLE_EVENT_TYPES);
const isReceivables = typeGuard(RECEIVABLES_EVENT_TYPES);
const isContacts = typeGuard(CONTACTS_EVENT_TYPES);
const isContactPersons = typeGuard(CONTACT_PERSONS_EVENT_TYPES);
const isPmWork = typeGuard(PM_WORK_EVENT_TYPES);
const isUsage = typeGuard(USAGE_EVENT_TYPES);
const isDeadlines = typeGuard(DEADLINES_EVENT_TYPES);
const isReviews = typeGuard(REVIEWS_EVENT_TYPES);

/** The state after one more event. Pure: the given state is left as it was. */
export function evolve(state: ClientState, event: ClientEvent, facts: EventFacts): ClientState {
  return apply(cloneState(state), event, facts);
}

export interface FoldableEvent {
  type: string;
  data: unknown;
  metadata: { occurredAt: string; eventId: string };
}

/**
 * The state after a stream's events; events of types this version does not know are passed over.
 * Copies `from` once and then applies each event in place, so a replay costs the same per event
 * however long the history is.
 */
export function foldClient(
  events: readonly FoldableEvent[],
  from: ClientState = initialClientState,
): ClientState {
  let state = cloneState(from);
  for (const e of events) {
    if (!CLIENT_EVENT_TYPES.has(e.type)) continue;
    state = apply(state, e as ClientEvent, {
      occurredAt: e.metadata.occurredAt,
      eventId: e.metadata.eventId,
    });
  }
  return state;
}

/**
 * A deep copy of the parts the capabilities' evolve change in place. The maps of ids that grow with
 * the client's history (payments, invoices, promises) are shared and copied on the first write, or
 * with `takeIdMaps` extended in place: for a caller that gives `state` up (its id maps may then
 * name events that were never appended), so that one more payment costs the same at any history
 * length (issue 13: copying thousands of payment ids per payment was most of a command's CPU).
 */
export function cloneState(state: ClientState, takeIdMaps = false): ClientState {
  if (state.status !== 'registered') return state;
  // shared, not copied: the parts whose evolve replaces them instead of changing them in place
  // (usage, threats, transfer, service points, contact persons); a copy per command of each was
  // a good part of a simulated year's CPU and garbage (issue 13)
  return {
    ...state,
    receivables: cloneReceivables(state.receivables, takeIdMaps),
    deadlines: { ...state.deadlines },
    openContacts: copyEach(state.openContacts),
  };
}

/** A copy of a record with each value copied (one level): a plain loop, cheaper than entries/fromEntries. */
function copyEach<T extends object>(record: Record<string, T>): Record<string, T> {
  const copy: Record<string, T> = {};
  for (const id in record) copy[id] = { ...record[id]! };
  return copy;
}

/**
 * Applies one event to a state the caller owns (a copy it made with `cloneState`), changing it in
 * place where that is cheaper; answers the state to go on with. For folds that run many events.
 */
export function evolveOwned(state: ClientState, event: ClientEvent, facts: EventFacts): ClientState {
  return apply(state, event, facts);
}

/** Applies one event to a state this fold owns: the first registers, the rest go to their capability. */
function apply(state: ClientState, event: ClientEvent, facts: EventFacts): ClientState {
  if (state.status !== 'registered') {
    return event.type === 'ClientRegistered' ? registeredClient(event, facts) : state;
  }
  route(state, event, facts);
  return state;
}

function route(state: RegisteredClient, event: ClientEvent, facts: EventFacts): void {
  if (isRegistration(event)) return evolveRegistration(state, event);
  if (isLifecycle(event)) return evolveLifecycle(state, event, facts);
  if (isReceivables(event)) return evolveReceivables(state, event, facts);
  if (isContacts(event)) return evolveContacts(state, event, facts);
  if (isContactPersons(event)) return evolveContactPersons(state, event, facts);
  if (isPmWork(event)) return evolvePmWork(state, event, facts);
  if (isUsage(event)) return evolveUsage(state, event);
  if (isDeadlines(event)) return evolveDeadlines(state, event, facts);
  if (isReviews(event)) return evolveReviews(state, event);
  return assertNever(event);
}
