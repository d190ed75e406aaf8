import type { ClientCategory } from '../registration/events';
import { RiskLevel, worstLevel } from './risk-levels';
import { WeeklyFacts, latestWeek, weeksInWindow } from './weekly-facts';

/**
 * «Фиксация отклонений» [002] per dimension. Training: the norm (A 80 %, B and C 50 %) is met by a
 * week observed within its validity (two years) — else high («нет обученных согласно нормативам,
 * либо прошло 2 года»; [002] names no dynamic band for training). Webinars in 6 months and portal
 * (ЛК) requests in 3 months: none high, one dynamic, more none. ADR 0050.
 */
export interface DeviationSettings {
  trainingNorm: Record<ClientCategory, number>;
  trainingValidDays: number;
  webinarDays: number;
  portalDays: number;
}

export const DEFAULT_DEVIATION_SETTINGS: DeviationSettings = {
  trainingNorm: { A: 0.8, B: 0.5, C: 0.5 },
  trainingValidDays: 730,
  webinarDays: 182,
  portalDays: 91,
};

/** What the dimensions read, already summed over their windows (by SQL or by `deviationFactsOf`). */
export interface DeviationFacts {
  category: ClientCategory;
  /** The trained share of the latest week within the training validity, if any. */
  trainedShare?: number;
  webinars: number;
  portalRequests: number;
}

export interface Deviations {
  training: RiskLevel;
  webinars: RiskLevel;
  portal: RiskLevel;
  level: RiskLevel;
}

/** None → high, once → dynamic, more → none. */
export const countLevel = (count: number): RiskLevel =>
  count <= 0 ? 'high' : count === 1 ? 'dynamic' : 'none';

export function deviationsOf(
  facts: DeviationFacts,
  settings: DeviationSettings = DEFAULT_DEVIATION_SETTINGS,
): Deviations {
  const norm = settings.trainingNorm[facts.category];
  const training: RiskLevel =
    facts.trainedShare !== undefined && facts.trainedShare + 1e-9 >= norm ? 'none' : 'high';
  const webinars = countLevel(facts.webinars);
  const portal = countLevel(facts.portalRequests);
  return { training, webinars, portal, level: worstLevel([training, webinars, portal]) };
}

/** The facts of the dimensions as of a day, from the client's weekly facts. */
export function deviationFactsOf(
  category: ClientCategory,
  weeks: readonly WeeklyFacts[],
  asOf: string,
  settings: DeviationSettings = DEFAULT_DEVIATION_SETTINGS,
): DeviationFacts {
  const trained = latestWeek(weeksInWindow(weeks, asOf, settings.trainingValidDays), asOf);
  return {
    category,
    trainedShare: trained?.trainedShare,
    webinars: weeksInWindow(weeks, asOf, settings.webinarDays).reduce((n, w) => n + w.webinars, 0),
    portalRequests: weeksInWindow(weeks, asOf, settings.portalDays).reduce((n, w) => n + w.portalRequests, 0),
  };
}
