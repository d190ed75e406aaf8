import type { HandoverReason, Kopecks, PromiseStatus, Streaks } from '../receivables/receivables';
import { ClientProfile, ContactPersonDetails, DeadlineKind, UsageObservation } from './client-events';

/** Client lifecycle (SPEC §3.1). */
export type Lifecycle =
  'candidate' | 'transferring' | 'active' | 'escalated' | 'left' | 'returned_to_field_service';

export interface Responsible {
  role: 'KPP' | 'PM';
  employeeId: string;
}

export interface PromiseRecord {
  promiseId: string;
  promisedOn: string;
  amount?: Kopecks;
  target: Kopecks;
  paidInTime: Kopecks;
  remind: boolean;
  remindOn?: string;
  status: PromiseStatus;
  reminder: 'none' | 'scheduled' | 'due' | 'done';
  /** When the reminder call is due (its deadline's time). */
  reminderAt?: string;
  recordedEventId: string;
  recordedAt: string;
  /** Set when broken: the follow-up call is due by this instant (and on this date). */
  followUpDueBy?: string;
  followUpDueOn?: string;
  brokenEventId?: string;
  brokenAt?: string;
  /** The follow-up is over once the client pays, promises again or goes to the ПМ. */
  followUpOpen?: boolean;
}

export interface ThreatRecord {
  threatId: string;
  type: HandoverReason;
  raisedEventId: string;
  raisedAt: string;
  open: boolean;
}

export interface PendingDeadline {
  kind: DeadlineKind;
  dueAt: string;
  promiseId?: string;
}

export interface Receivables {
  invoiced: Kopecks;
  paid: Kopecks;
  invoiceIds: Record<string, true>;
  paymentIds: Record<string, true>;
  lastInvoiceEventId?: string;
  lastPaymentEventId?: string;
  /** Every promise, in the order recorded. */
  promises: PromiseRecord[];
  /** Where each promise is in `promises`. */
  promiseIndex: Record<string, number>;
  /**
   * Positions of the promises a payment can still count towards (open, or broken and not mended),
   * in order. Their agreed days rise: a new promise waits until the previous one is resolved.
   */
  unkept: number[];
  streaks: Streaks;
  brokenPromisesInRow: number;
  onTimeMonthsInRow: number;
}

export interface OpenContact {
  contactId: string;
  kind: 'planned' | 'unplanned';
  reason: string;
  plannedAt: string;
  contactPersonId?: string;
  servicePointId?: string;
  assignee: { role: 'KPP' | 'PM'; employeeId: string };
  instrumentsPlanned: string[];
  attempts: number;
  lastOutcome?: string;
  callbackAt?: string;
}

export interface TransferProgress {
  startedAt?: string;
  letterSentAt?: string;
  engineerVisitAt?: string;
  firstRemoteCallAt?: string;
}

export interface RegisteredClient extends ClientProfile {
  status: 'registered';
  ric: string;
  lifecycle: Lifecycle;
  responsible: Responsible;
  registeredAt: string;
  receivables: Receivables;
  threats: ThreatRecord[];
  /** Durable timers set and neither fired nor cancelled yet. */
  deadlines: Record<string, PendingDeadline>;
  lastRefusalEventId?: string;
  transfer: TransferProgress;
  /** Contacts planned and not closed yet. */
  openContacts: Record<string, OpenContact>;
  /** 'YYYY-MM' of the last engagement (stage 4 or 5) in the РИЦ's calendar. */
  lastEngagementMonth?: string;
  contactPersons: Record<string, ContactPersonDetails & { contactPersonId: string }>;
  /** Service points besides the client's main one (whose cadence is `contactCadence`). */
  servicePoints: Record<
    string,
    { servicePointId: string; name: string; contactCadence: ClientProfile['contactCadence'] }
  >;
  /** The decision-maker contact of the month, while not finished. */
  decisionMakerContact?: { month: string; step: 'email' | 'call'; since: string };
  /** Competitor diagnostics due and not done yet. */
  competitorDiagnosticsDue?: { halfYear: string; since: string };
  lastCompetitor?: { halfYear: string; competitor: 'yes' | 'no' | 'unknown'; competitors: string[] };
  /** The latest weekly usage observations, oldest first (about a quarter's worth). */
  usage: UsageObservation[];
  /** A key user change the ПМ has not yet answered with a contact of their own. */
  keyUserChangedAt?: string;
  /** Set when a month ended without engagement; cleared by the next stage 4 or 5. */
  engagementOverdueSince?: string;
}

export type ClientState = { status: 'unregistered' } | RegisteredClient;

export const initialClientState: ClientState = { status: 'unregistered' };

export const openPromiseOf = (state: RegisteredClient): PromiseRecord | undefined =>
  state.receivables.promises.find((p) => p.status === 'open');
