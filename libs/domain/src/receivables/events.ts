/** Events of receivables (ДЗ) and of who answers for them (SPEC §3.2). Money in roubles, dates YYYY-MM-DD. */
import type { HandoverReason } from './receivables';

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
    /** debtMonths on the agreed day if nothing is paid (shown; rounded to 2 decimals). */
    projectedDebtMonths: number;
    /** The debt in roubles on the agreed day if nothing is paid: what rule promise_beyond_limit compares. */
    projectedDebt?: number;
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

export type ReceivablesEvent =
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
  | ReturnedToKPP;

export const RECEIVABLES_EVENT_TYPES: Record<ReceivablesEvent['type'], true> = {
  InvoiceIssued: true,
  PaymentReceived: true,
  PaymentPromiseRecorded: true,
  PaymentReminderDue: true,
  PaymentReminderDone: true,
  PaymentPromiseKept: true,
  PaymentPromiseBroken: true,
  PaymentPromiseBreachCorrected: true,
  PaymentDateRefused: true,
  ThreatRaised: true,
  ThreatResolved: true,
  HandedOverToPM: true,
  ReturnedToKPP: true,
};
