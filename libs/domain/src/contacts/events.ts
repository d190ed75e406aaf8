/** Events of contacts and calls (SPEC §3.3, [001] [004]). */
export type ContactKind = 'planned' | 'unplanned';
export type CallOutcome =
  'no_answer' | 'person_absent' | 'connected' | 'connected_with_login' | 'unproductive' | 'not_done_in_time';

export interface ContactPlanned {
  type: 'ContactPlanned';
  data: {
    contactId: string;
    kind: ContactKind;
    reason: string;
    plannedAt: string;
    contactPersonId?: string;
    infoOccasion?: string;
    /** The service point the contact is for (absent: the client's main one). */
    servicePointId?: string;
    /** Instruments the КПП means to use (compared with those used when the contact is closed). */
    instrumentsPlanned?: string[];
    /** Whose planner or queue it goes to: the КПП or ПМ who planned it (the client's КПП when ROS did). */
    assignee: { role: 'KPP' | 'PM'; employeeId: string };
  };
}

export interface CallAttempted {
  type: 'CallAttempted';
  data: {
    contactId: string;
    outcome: CallOutcome;
    durationSec?: number;
    channel: 'phone';
    direction: 'outgoing';
  };
}

export interface CallbackScheduled {
  type: 'CallbackScheduled';
  data: { contactId: string; callbackAt: string; inMinutes: number };
}

export interface ContactClosed {
  type: 'ContactClosed';
  data: {
    contactId: string;
    closingReason: string;
    stages: number[];
    instrumentsUsed: string[];
    instrumentsPlanned: string[];
  };
}

/** A planned contact that did not happen in its period [001]: an unplanned one takes its place. */
export interface ContactMissed {
  type: 'ContactMissed';
  data: { contactId: string; periodEnd: string };
}

/**
 * A planned contact the planner never showed — its whole period fell in diagnostic weeks and the
 * client failed no criterion [003] — is not owed: it ends without an unplanned one in its place.
 */
export interface ContactNotOwed {
  type: 'ContactNotOwed';
  data: { contactId: string; periodEnd: string; reason: 'diagnostic_week' };
}

/** A work stage done in a call [004]: 1 reception by the ПМ, 2 acquaintance … 7 decision maker. */
export interface StageCompleted {
  type: 'StageCompleted';
  /** `onDate`: the business date it was done on (engagement is counted per calendar month). */
  data: { stage: number; contactId: string; onDate: string };
}

/** A calendar month ended with no engagement (stage 4 or 5): the КПП owes the client one. */
export interface EngagementOverdue {
  type: 'EngagementOverdue';
  data: { month: string };
}

export type ContactsEvent =
  | ContactPlanned
  | CallAttempted
  | CallbackScheduled
  | ContactClosed
  | ContactMissed
  | ContactNotOwed
  | StageCompleted
  | EngagementOverdue;

export const CONTACTS_EVENT_TYPES: Record<ContactsEvent['type'], true> = {
  ContactPlanned: true,
  CallAttempted: true,
  CallbackScheduled: true,
  ContactClosed: true,
  ContactMissed: true,
  ContactNotOwed: true,
  StageCompleted: true,
  EngagementOverdue: true,
};
