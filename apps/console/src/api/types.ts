/**
 * The reads the console shows, as API.md and the service answer them. The OpenAPI document types
 * the requests (schema.d.ts); most reads are documented there only by description, hence these.
 */
export interface CommandAnswer {
  streamVersion: number;
  position: string;
  contactId?: string;
  promiseId?: string;
}

export interface Person {
  contactPersonId: string;
  name: string;
  phone: string | null;
}

export interface WorkItem {
  clientId: string;
  clientName: string;
  itemId: string;
  kind: string;
  reason?: string;
  dueAt: string;
  contactNecessity?: number;
  contactId?: string;
  attempts?: number;
  person?: Person;
  /** diagnostic pick: the criteria the client fails [003] */
  criteria?: string[];
  threatId?: string;
  handoverSheet?: string;
}

export interface Planner {
  employeeId: string;
  date: string;
  weekKind: string;
  items: WorkItem[];
}

export interface PmQueue {
  employeeId: string;
  items: WorkItem[];
}

export interface OpenContact {
  contactId: string;
  kind: 'planned' | 'unplanned';
  reason: string;
  plannedAt: string;
  attempts: number;
  lastOutcome?: string;
  callbackAt?: string;
}

export interface ClientCard {
  clientId: string;
  ric: string;
  name: string;
  lifecycle: string;
  responsible: { role: 'KPP' | 'PM'; employeeId: string };
  debtMonths: number;
  unpaid?: number;
  brokenPromisesInRow: number;
  openPromise?: { promiseId: string; promisedOn: string; remind: boolean; target?: number } | null;
  openThreats: Array<{ threatId: string; type: string }>;
  contactPersons: Array<{ contactPersonId: string; name: string; roles: string[]; phones: string[] }>;
  openContacts: OpenContact[];
  contactNecessity?: { indicator: number; signs: Record<string, boolean> };
}

export interface HandoverSheet {
  clientId: string;
  threatId: string;
  reason: string;
  handedOverAt: string;
  fromKppId: string;
  toPmId: string;
  threatOpen: boolean;
  debtMonths: number;
  unpaid: number;
  monthlyFee: number;
  brokenPromisesInRow: number;
  invoices: Array<{ invoiceId: string; amount: number; issuedOn: string }>;
  payments: Array<{ paymentId: string; amount: number; paidOn: string }>;
  promises: Array<{ promiseId: string; promisedOn: string; target: number; status: string }>;
  contactPersons: Array<{ contactPersonId: string; name: string; phones?: string[] }>;
  kppComment?: string;
}
