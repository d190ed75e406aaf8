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

export type ReceivablesCommand =
  | IssueInvoice
  | RecordPayment
  | RecordPaymentPromise
  | RefusePaymentDate
  | MarkPaymentReminderDone
  | HandOverToPM
  | TakeClientAsThreat;

export const RECEIVABLES_COMMAND_TYPES: Record<ReceivablesCommand['type'], true> = {
  IssueInvoice: true,
  RecordPayment: true,
  RecordPaymentPromise: true,
  RefusePaymentDate: true,
  MarkPaymentReminderDone: true,
  HandOverToPM: true,
  TakeClientAsThreat: true,
};
