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
  'changed_circumstances', // «Смена обстоятельств» [004]
] as const;

/**
 * The stage a closing reason names: `stage_N` is stage N, and «Этап 4 — Вывод новшеств»
 * (`new_features`) is stage 4 [004].
 */
const STAGE_OF_CLOSING: Readonly<Record<string, number>> = {
  stage_2: 2,
  stage_3: 3,
  stage_4: 4,
  stage_5: 5,
  stage_6: 6,
  new_features: 4,
};

export const stagesOfClosing = (closingReason: string): number[] => {
  const stage = STAGE_OF_CLOSING[closingReason];
  return stage === undefined ? [] : [stage];
};

/** Engagement in the service or the system (stage 4 or 5), owed every calendar month. */
export const isEngagementStage = (stage: number): boolean => stage === 4 || stage === 5;

export const CALL_OUTCOMES = [
  'no_answer',
  'person_absent',
  'connected',
  'connected_with_login',
  'unproductive',
  'not_done_in_time',
] as const;

/**
 * Work stages [004]: 1 reception into remote service (once, by the ПМ), 2 acquaintance, 3 functional
 * card, 4 engaging users in the system (and its news), 5 in the services, 6 feedback, 7 decision maker.
 */
export const WORK_STAGES = [1, 2, 3, 4, 5, 6, 7] as const;

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
