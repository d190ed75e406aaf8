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

export interface ContactsPart {
  /** Contacts planned and not closed yet. */
  openContacts: Record<string, OpenContact>;
  /** 'YYYY-MM' of the last engagement (stage 4 or 5) in the РИЦ's calendar. */
  lastEngagementMonth?: string;
  /** Set when a month ended without engagement; cleared by the next stage 4 or 5. */
  engagementOverdueSince?: string;
  /** Stage 1, «приём клиента в отдел ДС»: done once, by the ПМ. */
  receivedByPmAt?: string;
}
