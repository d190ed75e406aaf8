export interface PmWorkPart {
  /** The decision-maker contact of the month, while not finished. */
  decisionMakerContact?: { month: string; step: 'email' | 'call'; since: string };
  /** Competitor diagnostics due and not done yet. */
  competitorDiagnosticsDue?: { halfYear: string; since: string };
  lastCompetitor?: { halfYear: string; competitor: 'yes' | 'no' | 'unknown'; competitors: string[] };
}

/** 'YYYY-H1' or 'YYYY-H2' of a month 'YYYY-MM'. */
export const halfYearOf = (month: string): string =>
  `${month.slice(0, 4)}-H${Number(month.slice(5, 7)) <= 6 ? 1 : 2}`;

/** The first day of the half-year after `halfYear`. */
export const nextHalfYearStart = (halfYear: string): string => {
  const year = Number(halfYear.slice(0, 4));
  return halfYear.endsWith('H1') ? `${year}-07-01` : `${year + 1}-01-01`;
};
