/** Events of one client's stream `client-<ric>-<clientId>` (SPEC §2). Money in roubles, dates YYYY-MM-DD. */
import type { HandoverReason } from '../receivables/receivables';

export type ClientCategory = 'A' | 'B' | 'C';
export type ContactCadence = 'weekly' | 'twice_weekly' | 'biweekly' | 'monthly';

export interface ClientRegistered {
  type: 'ClientRegistered';
  data: ClientProfile & { ric: string };
}

/** What a client is registered with. */
export interface ClientProfile {
  clientId: string;
  name: string;
  inn?: string;
  monthlyFee: number;
  category: ClientCategory;
  /** КПП who calls the client's users. */
  kppId: string;
  /** Personal manager (ПМ) who takes the client over as a threat. */
  pmId: string;
  contactCadence: ContactCadence;
  /** Day of the month invoices are issued (1–28). */
  billingDay: number;
}

export interface InvoiceIssued {
  type: 'InvoiceIssued';
  data: { invoiceId: string; amount: number; issuedOn: string };
}

/** A payment, by its value date (дата валютирования), which may be earlier than when we learn of it. */
export interface PaymentReceived {
  type: 'PaymentReceived';
  data: { paymentId: string; amount: number; paidOn: string };
}

/** Договорённость об оплате: the agreed day, and whether the client wants a reminder call. */
export interface PaymentPromiseRecorded {
  type: 'PaymentPromiseRecorded';
  data: {
    promiseId: string;
    promisedOn: string;
    /** The promised amount; absent when the client promised to pay the debt. */
    amount?: number;
    /** What must be paid by the agreed day: the amount, or the debt at the time of the promise. */
    target: number;
    remind: boolean;
    /** The reminder call's day, when a reminder was asked for. */
    remindOn?: string;
    /** debtMonths on the agreed day if nothing is paid (rule promise_beyond_limit). */
    projectedDebtMonths: number;
  };
}

export interface PaymentReminderDue {
  type: 'PaymentReminderDue';
  data: { promiseId: string; remindOn: string };
}

export interface PaymentReminderDone {
  type: 'PaymentReminderDone';
  data: { promiseId: string; comment?: string };
}

export interface PaymentPromiseKept {
  type: 'PaymentPromiseKept';
  data: { promiseId: string; promisedOn: string; paidInTime: number };
}

export interface PaymentPromiseBroken {
  type: 'PaymentPromiseBroken';
  data: {
    promiseId: string;
    promisedOn: string;
    paidInTime: number;
    target: number;
    /** End of the third working day counting the agreed day: the follow-up call is due by then. */
    followUpDueBy: string;
    followUpDueOn: string;
  };
}

/** A payment learnt of late, dated on or before the agreed day, that makes a broken promise kept. */
export interface PaymentPromiseBreachCorrected {
  type: 'PaymentPromiseBreachCorrected';
  data: { promiseId: string; paymentId: string; paidInTime: number };
}

/** The client gave neither a reason for non-payment nor a payment date. */
export interface PaymentDateRefused {
  type: 'PaymentDateRefused';
  data: { comment?: string };
}

export type ThreatType = HandoverReason;

export interface ThreatRaised {
  type: 'ThreatRaised';
  data: { threatId: string; threatType: ThreatType; comment?: string };
}

export interface ThreatResolved {
  type: 'ThreatResolved';
  data: { threatId: string; resolution: 'threat_lifted' };
}

/** Лист передачи клиента: what the ПМ needs to take the client over. */
export interface HandoverSheet {
  unpaid: number;
  debtMonths: number;
  monthlyFee: number;
  promises: Array<{ promiseId: string; promisedOn: string; amount?: number; target: number; status: string }>;
  brokenPromisesInRow: number;
  contacts: Array<{
    contactPersonId: string;
    name?: string;
    roles?: string[];
    phones?: string[];
    emails?: string[];
  }>;
  kppComment?: string;
}

export interface HandedOverToPM {
  type: 'HandedOverToPM';
  data: {
    threatId: string;
    reason: HandoverReason;
    fromKppId: string;
    toPmId: string;
    sheet: HandoverSheet;
  };
}

export interface ReturnedToKPP {
  type: 'ReturnedToKPP';
  data: { fromPmId: string; toKppId: string; debtMonths: number; onTimeMonthsInRow: number };
}

export type DeadlineKind =
  | 'payment_reminder'
  | 'promise_due'
  | 'engagement_check'
  | 'contact_period_start'
  | 'contact_period_end'
  | 'decision_maker_month'
  | 'competitor_half_year';

/** A durable timer of the client's workflows: the scheduler fires it at `dueAt`. */
export interface DeadlineSet {
  type: 'DeadlineSet';
  data: { deadlineId: string; kind: DeadlineKind; dueAt: string; promiseId?: string };
}

export interface DeadlineCancelled {
  type: 'DeadlineCancelled';
  data: { deadlineId: string };
}

export interface DeadlineFired {
  type: 'DeadlineFired';
  data: { deadlineId: string; kind: DeadlineKind; dueAt: string; promiseId?: string };
}

// ---- transfer to remote service and lifecycle (SPEC §3.1, [003]) ----

export type TransferStep = 'letter_and_ros_call' | 'final_engineer_visit' | 'first_remote_call';

/** Selection criteria recorded when the transfer starts [003]. */
export interface TransferToRemoteServiceStarted {
  type: 'TransferToRemoteServiceStarted';
  data: { criteria: { category: ClientCategory; debtMonths: number; monthlyFee: number } };
}

/** Step 1: the info letter and the РОС's call. */
export interface TransferLetterSent {
  type: 'TransferLetterSent';
  data: Record<string, never>;
}

/** Step 2: the service engineer's (СИО) last visit. */
export interface FinalEngineerVisitCompleted {
  type: 'FinalEngineerVisitCompleted';
  data: Record<string, never>;
}

/** Step 3: the first remote call (acquaintance and diagnostics): the client is on remote service. */
export interface FirstRemoteCallCompleted {
  type: 'FirstRemoteCallCompleted';
  data: { kppId: string };
}

// ---- contacts and calls (SPEC §3.3, [001] [004]) ----

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

/** A work stage done in a call [004]: 2 acquaintance … 7 decision maker. */
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

// ---- contact persons (КЛ) ----

/** ЛПР, ЛВПР/ЛВР, ключевой пользователь, ЧДД. */
export type ContactPersonRole = 'decision_maker' | 'influencer' | 'key_user' | 'payer';

export interface ContactPersonDetails {
  name: string;
  roles: ContactPersonRole[];
  phones: string[];
  emails: string[];
  interests: string[];
  position?: string;
}

export interface ContactPersonAdded {
  type: 'ContactPersonAdded';
  data: { contactPersonId: string } & ContactPersonDetails;
}

export interface ContactPersonChanged {
  type: 'ContactPersonChanged';
  data: { contactPersonId: string } & Partial<ContactPersonDetails>;
}

/** The key user is someone else now: a threat signal for the ПМ [002]. */
export interface KeyUserChanged {
  type: 'KeyUserChanged';
  data: { previousContactPersonIds: string[]; contactPersonIds: string[] };
}

/** A week of the client's use of the system and the РИЦ's services, imported from the CRM. */
export interface UsageObservation {
  weekStart: string;
  logins: number;
  portalRequests: number;
  portalLowestRating?: number;
  hotlineRequests: number;
  /** Share of the key users trained, 0–1. */
  trainedShare: number;
  webinars: number;
  newsletterClicks: number;
  videoClicks: number;
  updatesInstalled: boolean;
  renewalPeriodStarted: boolean;
  unreturnedActs: number;
  competitor: 'yes' | 'no' | 'unknown';
}

export interface UsageObserved {
  type: 'UsageObserved';
  data: UsageObservation;
}

// ---- the ПМ's regular work with decision makers [002] ----

/** The month's decision-maker contact is due: first an e-mail with top questions, then a call. */
export interface DecisionMakerContactDue {
  type: 'DecisionMakerContactDue';
  data: { month: string };
}

export interface DecisionMakerEmailSent {
  type: 'DecisionMakerEmailSent';
  data: { month: string; comment?: string };
}

export interface DecisionMakerCalled {
  type: 'DecisionMakerCalled';
  data: { month: string; comment?: string };
}

/** Competitor diagnostics are due (twice a year). */
export interface CompetitorDiagnosticsDue {
  type: 'CompetitorDiagnosticsDue';
  data: { halfYear: string };
}

export interface CompetitorDiagnosed {
  type: 'CompetitorDiagnosed';
  data: { halfYear: string; competitor: 'yes' | 'no' | 'unknown'; competitors: string[]; comment?: string };
}

/** The client leaves remote service: it stops, or goes back to field service (СИО visits). */
export interface ClientLeftRemoteService {
  type: 'ClientLeftRemoteService';
  data: { to: 'left' | 'returned_to_field_service'; reason: string };
}

/** A further service point (ТО) of the client, with its own contact cadence; `main` is the client's own. */
export interface ServicePointAdded {
  type: 'ServicePointAdded';
  data: { servicePointId: string; name: string; contactCadence: ContactCadence };
}

export type ClientEvent =
  | ClientRegistered
  | ServicePointAdded
  | ClientLeftRemoteService
  | DecisionMakerContactDue
  | DecisionMakerEmailSent
  | DecisionMakerCalled
  | CompetitorDiagnosticsDue
  | CompetitorDiagnosed
  | UsageObserved
  | ContactPersonAdded
  | ContactPersonChanged
  | KeyUserChanged
  | TransferToRemoteServiceStarted
  | TransferLetterSent
  | FinalEngineerVisitCompleted
  | FirstRemoteCallCompleted
  | ContactPlanned
  | CallAttempted
  | CallbackScheduled
  | ContactClosed
  | ContactMissed
  | StageCompleted
  | EngagementOverdue
  | InvoiceIssued
  | PaymentReceived
  | PaymentPromiseRecorded
  | PaymentReminderDue
  | PaymentReminderDone
  | PaymentPromiseKept
  | PaymentPromiseBroken
  | PaymentPromiseBreachCorrected
  | PaymentDateRefused
  | ThreatRaised
  | ThreatResolved
  | HandedOverToPM
  | ReturnedToKPP
  | DeadlineSet
  | DeadlineCancelled
  | DeadlineFired;

export type ClientEventType = ClientEvent['type'];

export const CLIENT_EVENT_TYPES: ReadonlySet<string> = new Set<ClientEventType>([
  'ClientRegistered',
  'ServicePointAdded',
  'ClientLeftRemoteService',
  'DecisionMakerContactDue',
  'DecisionMakerEmailSent',
  'DecisionMakerCalled',
  'CompetitorDiagnosticsDue',
  'CompetitorDiagnosed',
  'UsageObserved',
  'ContactPersonAdded',
  'ContactPersonChanged',
  'KeyUserChanged',
  'TransferToRemoteServiceStarted',
  'TransferLetterSent',
  'FinalEngineerVisitCompleted',
  'FirstRemoteCallCompleted',
  'ContactPlanned',
  'CallAttempted',
  'CallbackScheduled',
  'ContactClosed',
  'ContactMissed',
  'StageCompleted',
  'EngagementOverdue',
  'InvoiceIssued',
  'PaymentReceived',
  'PaymentPromiseRecorded',
  'PaymentReminderDue',
  'PaymentReminderDone',
  'PaymentPromiseKept',
  'PaymentPromiseBroken',
  'PaymentPromiseBreachCorrected',
  'PaymentDateRefused',
  'ThreatRaised',
  'ThreatResolved',
  'HandedOverToPM',
  'ReturnedToKPP',
  'DeadlineSet',
  'DeadlineCancelled',
  'DeadlineFired',
]);

/** An event as decided; the application adds the rest of the metadata. */
export type DecidedEvent = ClientEvent & {
  /** Given by the decider (from the context's id source) so that other events can cite it as evidence. */
  eventId: string;
  /** Business time, when not the command's `now` (a call logged after the fact, a deadline's due time). */
  occurredAt?: string;
  /** For automatic events: the rule that fired and the ids of the events that made it fire. */
  rule?: string;
  evidence?: string[];
};
