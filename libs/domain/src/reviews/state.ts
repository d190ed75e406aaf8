/** A contact that had a connected attempt: kept after the contact closes, so that it can be reviewed. */
export interface ConnectedCall {
  /** Whose call it was: the contact's assignee at the first connected attempt. */
  employee: { role: 'KPP' | 'PM'; employeeId: string };
  connectedAt: string;
}

export interface ReviewSummary {
  reviewId: string;
  contactId: string;
  sheet: string;
  score: number;
  reviewerId: string;
}

export interface ReviewsPart {
  /**
   * Contacts with a connected attempt, by contact id (optional: states stored before reviews existed
   * lack it until they are folded again).
   */
  connectedCalls?: Record<string, ConnectedCall>;
  reviews?: Record<string, ReviewSummary>;
}

/** Outcomes of an attempt where someone was spoken to (a call an auditor can listen to). */
export const CONNECTED_OUTCOMES: ReadonlySet<string> = new Set(['connected', 'connected_with_login']);

/**
 * States whose `connectedCalls` map is their own: copied since the state was made (a clone shares
 * its original's map), so that it may be added to in place.
 */
const ownCalls = new WeakSet<ReviewsPart>();

/** Remembers the first connected attempt of a contact (called by the contacts' evolve). */
export function noteConnectedCall(
  state: ReviewsPart,
  contactId: string,
  employee: ConnectedCall['employee'],
  connectedAt: string,
): void {
  if (state.connectedCalls?.[contactId]) return;
  // The map only grows with history (44 contacts on average, up to 130, in a simulated year):
  // copied on the first write after a clone, then added to in place — a copy at every connected
  // attempt made a fold's cost grow with the square of the calls (ADR 0070, sixth pass). The
  // keys keep their order, so the state serialises as before.
  if (!state.connectedCalls || !ownCalls.has(state)) {
    state.connectedCalls = { ...state.connectedCalls };
    ownCalls.add(state);
  }
  state.connectedCalls[contactId] = { employee: { ...employee }, connectedAt };
}
