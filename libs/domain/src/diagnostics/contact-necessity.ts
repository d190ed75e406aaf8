import type { ClientState } from '../client/client-state';
import { debtMonths, toKopecks, unpaidAmount } from '../receivables/receivables';

/**
 * Показатель необходимости контакта [003], SPEC §4: a base plus a weight for each sign. The default
 * weights reproduce the table of [003] (its "unreturned acts" and "system use" columns move nothing
 * there, so they weigh 0 until a РИЦ configures them).
 */
export interface NecessityWeights {
  base: number;
  renewalPeriodStarted: number;
  debt: number;
  unreturnedActs: number;
  noSystemUse: number;
  noUpdates: number;
  hotlineAndPortalNotUsed: number;
  trainingNormNotMet: number;
}

export const DEFAULT_NECESSITY_WEIGHTS: NecessityWeights = {
  base: 0.2,
  renewalPeriodStarted: 0.3,
  debt: 0.1,
  unreturnedActs: 0,
  noSystemUse: 0,
  noUpdates: 0.1,
  hotlineAndPortalNotUsed: 0.05,
  trainingNormNotMet: 0.2,
};

/** Training norm [002]: category A 80 % of users trained, B and C 50 %. */
export const trainingNorm = (category: 'A' | 'B' | 'C'): number => (category === 'A' ? 0.8 : 0.5);

export interface NecessitySigns {
  renewalPeriodStarted: boolean;
  debt: boolean;
  unreturnedActs: boolean;
  noSystemUse: boolean;
  noUpdates: boolean;
  hotlineAndPortalNotUsed: boolean;
  trainingNormNotMet: boolean;
}

export function necessityOf(
  signs: NecessitySigns,
  weights: NecessityWeights = DEFAULT_NECESSITY_WEIGHTS,
): number {
  let value = weights.base;
  for (const sign of Object.keys(signs) as Array<keyof NecessitySigns>)
    if (signs[sign]) value += weights[sign];
  return Math.round(value * 100) / 100;
}

/** The signs of a client from its latest usage observation and its debt (no data: no usage signs). */
export function necessitySigns(state: ClientState): NecessitySigns | null {
  if (state.status !== 'registered') return null;
  const latest = state.usage[state.usage.length - 1];
  const r = state.receivables;
  return {
    renewalPeriodStarted: latest?.renewalPeriodStarted ?? false,
    debt: debtMonths(unpaidAmount(r.invoiced, r.paid), toKopecks(state.monthlyFee)) > 0,
    unreturnedActs: (latest?.unreturnedActs ?? 0) > 0,
    noSystemUse: latest ? latest.logins === 0 : false,
    noUpdates: latest ? !latest.updatesInstalled : false,
    hotlineAndPortalNotUsed: latest ? latest.hotlineRequests + latest.portalRequests === 0 : false,
    trainingNormNotMet: latest ? latest.trainedShare < trainingNorm(state.category) : false,
  };
}

export const contactNecessity = (state: ClientState, weights?: NecessityWeights): number => {
  const signs = necessitySigns(state);
  return signs ? necessityOf(signs, weights) : 0;
};
