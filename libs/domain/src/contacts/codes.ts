/**
 * Closed lists of SPEC §3.3 and API.md ([001] planned goals and unplanned reasons, [004] outcomes
 * and closing reasons). A РИЦ extends them by configuration; codes are never renamed.
 */
export const PLANNED_CONTACT_REASONS = [
  'info_occasion', // инфоповод
  'diagnostics',
  'satisfaction_check',
  'training',
  'debt',
  'contract',
  'document_flow',
  'structure_check',
  'competitor_check',
] as const;

export const UNPLANNED_CONTACT_REASONS = [
  'hot_news',
  'technical_failure',
  'unpaid_invoice',
  'negative_feedback',
  'document_flow_problem',
  'no_planned_contact', // «не состоялся плановый контакт»
  'new_contact_person',
  'retention_plan',
  'management_meeting',
] as const;

export const CLOSING_REASONS = [
  'stage_2',
  'stage_3',
  'stage_4',
  'stage_5',
  'stage_6',
  'new_features',
  'payment_work',
  'task_work',
  'technical_problem',
  'unproductive',
] as const;

export const CALL_OUTCOMES = [
  'no_answer',
  'person_absent',
  'connected',
  'connected_with_login',
  'unproductive',
  'not_done_in_time',
] as const;

/** Work stages [004]: 2 acquaintance, 3 functional card, 4 РИЦ services, 5 the system, 6 feedback, 7 decision maker. */
export const WORK_STAGES = [2, 3, 4, 5, 6, 7] as const;

export const CALLBACK_MINUTES = [15, 30, 60] as const;

export interface ContactCodes {
  planned: readonly string[];
  unplanned: readonly string[];
  closing: readonly string[];
}

/** The lists in force: the defaults plus what configuration adds. */
export const contactCodes = (extra: Partial<ContactCodes> = {}): ContactCodes => ({
  planned: [...PLANNED_CONTACT_REASONS, ...(extra.planned ?? [])],
  unplanned: [...UNPLANNED_CONTACT_REASONS, ...(extra.unplanned ?? [])],
  closing: [...CLOSING_REASONS, ...(extra.closing ?? [])],
});
