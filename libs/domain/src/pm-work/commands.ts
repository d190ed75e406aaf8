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

export type PmWorkCommand = RecordDecisionMakerStep | RecordCompetitorDiagnostics;

export const PM_WORK_COMMAND_TYPES: Record<PmWorkCommand['type'], true> = {
  RecordDecisionMakerStep: true,
  RecordCompetitorDiagnostics: true,
};
