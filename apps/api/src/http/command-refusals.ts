import { ACCESS, ClientCommandType } from '@ledger/domain';

/**
 * The refusals each command can answer over HTTP, read off its decider (libs/domain/src/<capability>/
 * decide.ts, libs/workflows/src/lifecycle/workflow.ts) and the application service. Only codes a
 * request can actually meet are listed: a check the HTTP layer makes first (400) or an id the
 * controller draws itself (a fresh UUID) cannot reach the decider, so its code is left out.
 * `openapi.e2e.spec.ts` checks that every `refuse('…')` of the domain is listed somewhere and that
 * every refusal an e2e spec observes is listed for the operation it called.
 */
export interface CommandRefusals {
  /** 409 `{ error, rule }` besides the ones every command may answer. */
  conflict: readonly string[];
  /** 404 `{ error, rule }` besides `client_not_found`. */
  notFound?: readonly string[];
}

/** Every command: a concurrent write to the client, or an Idempotency-Key reused for another body. */
export const EVERY_COMMAND_CONFLICTS = ['concurrency_conflict', 'idempotency_key_reused'] as const;

export const COMMAND_REFUSALS: Record<ClientCommandType, CommandRefusals> = {
  RegisterClient: { conflict: ['client_already_registered'] },
  AddServicePoint: { conflict: ['service_point_exists'] },
  // assignment_empty cannot be met: the controller answers 400 naming kppId first
  AssignClient: { conflict: [] },
  RecordTransferStep: {
    conflict: ['step_in_future', 'transfer_refused_debt', 'transfer_step_out_of_order'],
  },
  LeaveRemoteService: { conflict: ['not_on_remote_service'] },
  IssueInvoice: { conflict: ['invoice_already_issued'] },
  RecordPayment: { conflict: ['payment_already_recorded', 'value_date_in_future'] },
  // promise_already_recorded cannot be met: the controller draws the promiseId
  RecordPaymentPromise: {
    conflict: [
      'reminder_after_agreed_day',
      'promise_date_in_past',
      'promise_already_open',
      'nothing_to_promise',
    ],
  },
  RefusePaymentDate: { conflict: [] },
  MarkPaymentReminderDone: { conflict: ['no_reminder_asked'], notFound: ['promise_not_found'] },
  HandOverToPM: { conflict: ['already_with_pm'] },
  TakeClientAsThreat: { conflict: ['already_with_pm'] },
  // contact_already_planned cannot be met: the controller draws the contactId
  PlanContact: { conflict: [] },
  RecordCallAttempt: { conflict: ['attempt_in_future'], notFound: ['contact_not_open'] },
  CloseContact: {
    conflict: ['stage_1_by_personal_manager', 'stage_1_already_done'],
    notFound: ['contact_not_open'],
  },
  AddContactPerson: { conflict: ['contact_person_exists'] },
  ChangeContactPerson: { conflict: ['contact_person_erased'], notFound: ['contact_person_not_found'] },
  EraseContactPerson: { conflict: ['contact_person_erased'], notFound: ['contact_person_not_found'] },
  RecordDecisionMakerStep: { conflict: ['no_decision_maker_contact_due', 'decision_maker_email_first'] },
  RecordCompetitorDiagnostics: { conflict: [] },
  // an unknown client is a row of `rejected` (201), not a refusal of the import
  RecordUsage: { conflict: [] },
  // the scheduler's own command, never sent over HTTP
  FireDeadline: { conflict: [] },
  // unknown_sheet, scores_do_not_match_sheet, score_out_of_range: the controller answers 400 first
  ReviewCall: { conflict: ['contact_not_connected'] },
};

/** Every 409 rule code a command can answer. */
export const conflictRules = (type: ClientCommandType): string[] => [
  ...COMMAND_REFUSALS[type].conflict,
  ...EVERY_COMMAND_CONFLICTS,
];

/**
 * The rule of a 403 the access policy answers (a КПП or ПМ not related to the client), or null when
 * the role check alone decides: then the 403 is the guard's `{ error }` without a rule.
 */
export const forbiddenRule = (type: ClientCommandType): string | null => {
  const policy = ACCESS[type];
  const personal = policy.roles.some((r) => r === 'KPP' || r === 'PM');
  return personal && (policy.relation !== 'none' || policy.personMay) ? policy.refusal : null;
};

/** Commands whose path names no client: a new one, or the week's import (unknown clients are rows of `rejected`). */
const NO_CLIENT_PATH: readonly ClientCommandType[] = ['RegisterClient', 'RecordUsage'];

/** Every 404 rule code (an unknown client, or the command's own thing missing). */
export const notFoundRules = (type: ClientCommandType): string[] =>
  NO_CLIENT_PATH.includes(type) ? [] : ['client_not_found', ...(COMMAND_REFUSALS[type].notFound ?? [])];
