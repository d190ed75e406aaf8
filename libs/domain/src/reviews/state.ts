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

/** Remembers the first connected attempt of a contact (called by the contacts' evolve). */
export function noteConnectedCall(
  state: ReviewsPart,
  contactId: string,
  employee: ConnectedCall['employee'],
  connectedAt: string,
): void {
  if (state.connectedCalls?.[contactId]) return;
  state.connectedCalls = { ...state.connectedCalls, [contactId]: { employee: { ...employee }, connectedAt } };
}
