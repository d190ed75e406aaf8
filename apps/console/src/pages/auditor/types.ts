/**
 * The auditor's reads as the service answers them (API.md "Auditors", ADR 0057); the OpenAPI
 * document describes these answers only in words, hence declared here.
 */
export interface HistoryEvent {
  position: string;
  streamVersion: number;
  type: string;
  data: Record<string, unknown> | null;
  metadata: {
    actor: { id: string; role: string };
    /** business time: when it happened */
    occurredAt: string;
    /** when the service accepted it: the instant «as of» counts by */
    recordedAt: string;
    rule?: string;
  };
}

export interface Decision {
  position: string;
  type: string;
  rule: string;
  /** one Russian sentence: why the automatic event happened */
  explanation: string;
  evidence: Array<{ position: string; type: string; occurredAt: string }>;
}

export interface Workflows {
  lifecycle: { state: string; lifecycle: string };
  responsibility: { state: string; responsible: { role: string; employeeId: string } };
  promises: Array<{
    promiseId: string;
    promisedOn: string;
    state: string;
    target: number;
    paidInTime: number;
  }>;
  engagement: { state: string; lastEngagementMonth?: string; overdueSince?: string };
  contactCadence: { state: string };
  pmWork: { state: string; decisionMakerContact?: unknown; competitorDiagnosticsDue?: string };
  deadlines: Array<{ deadlineId: string; kind: string; dueAt: string }>;
  openContacts: Array<{
    contactId: string;
    kind: string;
    reason: string;
    plannedAt: string;
    attempts: number;
  }>;
  callbacks: Array<{ contactId: string; callbackAt: string }>;
}

/** GET /clients/{id}/state?at=: the card as it stood then, with each workflow's state. */
export interface StateAt {
  clientId: string;
  name: string;
  lifecycle: string;
  responsible: { role: string; employeeId: string };
  debtMonths: number;
  unpaid?: number;
  brokenPromisesInRow: number;
  openThreats: Array<{ threatId: string; type: string }>;
  workflows: Workflows;
}

export interface Checklist {
  sheet: string;
  title: string;
  items: Array<{ code: string; text: string }>;
}

export interface SampleCall {
  clientId: string;
  contactId: string;
  employeeId: string;
  occurredAt: string;
}

export interface AuditSample {
  from: string;
  to: string;
  seed: string;
  target: number;
  connectedCalls: number;
  share: number;
  items: SampleCall[];
}
