/** Events of the ПМ's regular work with decision makers [002]. */

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

export type PmWorkEvent =
  | DecisionMakerContactDue
  | DecisionMakerEmailSent
  | DecisionMakerCalled
  | CompetitorDiagnosticsDue
  | CompetitorDiagnosed;

export const PM_WORK_EVENT_TYPES: Record<PmWorkEvent['type'], true> = {
  DecisionMakerContactDue: true,
  DecisionMakerEmailSent: true,
  DecisionMakerCalled: true,
  CompetitorDiagnosticsDue: true,
  CompetitorDiagnosed: true,
};
