import {
  CallOutcome,
  ClientProfile,
  ContactCadence,
  ContactKind,
  ContactPersonDetails,
  TransferStep,
  UsageObservation,
} from './client-events';

export interface RegisterClient extends ClientProfile {
  type: 'RegisterClient';
}

export interface IssueInvoice {
  type: 'IssueInvoice';
  invoiceId: string;
  amount: number;
  issuedOn: string;
}

export interface RecordPayment {
  type: 'RecordPayment';
  paymentId: string;
  amount: number;
  paidOn: string;
}

export interface RecordPaymentPromise {
  type: 'RecordPaymentPromise';
  promiseId: string;
  promisedOn: string;
  remind: boolean;
  amount?: number;
  remindOn?: string;
}

export interface RefusePaymentDate {
  type: 'RefusePaymentDate';
  comment?: string;
}

export interface MarkPaymentReminderDone {
  type: 'MarkPaymentReminderDone';
  promiseId: string;
  comment?: string;
}

/** A КПП hands the client to the ПМ by their own judgement (reason `manual`). */
export interface HandOverToPM {
  type: 'HandOverToPM';
  comment?: string;
}

/** A ПМ takes a client of the РИЦ as a threat (reason `manual`). */
export interface TakeClientAsThreat {
  type: 'TakeClientAsThreat';
  comment?: string;
}

/** The scheduler: a stored deadline's time has come. */
export interface FireDeadline {
  type: 'FireDeadline';
  deadlineId: string;
}

export interface RecordTransferStep {
  type: 'RecordTransferStep';
  step: TransferStep;
  /** When it happened, if earlier than now. */
  occurredAt?: string;
}

export interface PlanContact {
  type: 'PlanContact';
  contactId: string;
  kind: ContactKind;
  reason: string;
  plannedAt: string;
  contactPersonId?: string;
  infoOccasion?: string;
  instrumentsPlanned?: string[];
}

export interface RecordCallAttempt {
  type: 'RecordCallAttempt';
  contactId: string;
  outcome: CallOutcome;
  occurredAt: string;
  durationSec?: number;
  callbackInMinutes?: 15 | 30 | 60;
}

export interface CloseContact {
  type: 'CloseContact';
  contactId: string;
  closingReason: string;
  stages: number[];
  instrumentsUsed: string[];
}

export interface AddContactPerson extends ContactPersonDetails {
  type: 'AddContactPerson';
  contactPersonId: string;
}

export interface ChangeContactPerson extends Partial<ContactPersonDetails> {
  type: 'ChangeContactPerson';
  contactPersonId: string;
}

export interface RecordUsage {
  type: 'RecordUsage';
  observation: UsageObservation;
}

/** The ПМ's decision-maker contact of the month: the e-mail, then the call. */
export interface RecordDecisionMakerStep {
  type: 'RecordDecisionMakerStep';
  step: 'email' | 'call';
  comment?: string;
}

export interface RecordCompetitorDiagnostics {
  type: 'RecordCompetitorDiagnostics';
  competitor: 'yes' | 'no' | 'unknown';
  competitors: string[];
  comment?: string;
}

export interface LeaveRemoteService {
  type: 'LeaveRemoteService';
  to: 'left' | 'returned_to_field_service';
  reason: string;
}

export interface AddServicePoint {
  type: 'AddServicePoint';
  servicePointId: string;
  name: string;
  contactCadence: ContactCadence;
}

export type ClientCommand =
  | RegisterClient
  | AddServicePoint
  | LeaveRemoteService
  | RecordDecisionMakerStep
  | RecordCompetitorDiagnostics
  | RecordUsage
  | AddContactPerson
  | ChangeContactPerson
  | RecordTransferStep
  | PlanContact
  | RecordCallAttempt
  | CloseContact
  | IssueInvoice
  | RecordPayment
  | RecordPaymentPromise
  | RefusePaymentDate
  | MarkPaymentReminderDone
  | HandOverToPM
  | TakeClientAsThreat
  | FireDeadline;
