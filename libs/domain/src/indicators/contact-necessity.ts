import type { ClientState } from '../client/state';
import { debtOf } from '../receivables/debt';
import { debtOverOneMonth } from '../receivables/receivables';

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

/** Weights, and the debt depth from which the debt sign counts (over one month including the current). */
export interface NecessitySettings {
  weights: NecessityWeights;
  debtOverMonths: number;
}

export const DEFAULT_NECESSITY_SETTINGS: NecessitySettings = {
  weights: DEFAULT_NECESSITY_WEIGHTS,
  debtOverMonths: 1,
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

/**
 * The signs of a client from its latest usage observation and its debt (no data: no usage signs).
 * The debt sign is a debt over one month including the current one ([001] trigger 7): in [003]'s
 * table a current «Долг по ИО» of 5–8 thousand roubles shows «Наличие долга — Нет».
 */
export function necessitySigns(
  state: ClientState,
  settings: NecessitySettings = DEFAULT_NECESSITY_SETTINGS,
): NecessitySigns | null {
  if (state.status !== 'registered') return null;
  const latest = state.usage[state.usage.length - 1];
  return {
    renewalPeriodStarted: latest?.renewalPeriodStarted ?? false,
    debt: debtOverOneMonth(debtOf(state), settings.debtOverMonths),
    unreturnedActs: (latest?.unreturnedActs ?? 0) > 0,
    noSystemUse: latest ? latest.logins === 0 : false,
    noUpdates: latest ? !latest.updatesInstalled : false,
    hotlineAndPortalNotUsed: latest ? latest.hotlineRequests + latest.portalRequests === 0 : false,
    trainingNormNotMet: latest ? latest.trainedShare < trainingNorm(state.category) : false,
  };
}

export const contactNecessity = (
  state: ClientState,
  settings: NecessitySettings = DEFAULT_NECESSITY_SETTINGS,
): number => {
  const signs = necessitySigns(state, settings);
  return signs ? necessityOf(signs, settings.weights) : 0;
};

/**
 * Weights from configuration, e.g. `base=0.2,debt=0.15`: names of `NecessityWeights`, each a number;
 * the rest keep their defaults. Errors name the bad part.
 */
export function parseNecessityWeights(text: string | undefined): NecessityWeights {
  const weights = { ...DEFAULT_NECESSITY_WEIGHTS };
  for (const part of (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, value] = part.split('=').map((p) => p.trim());
    if (!name || !(name in weights)) {
      throw new Error(`unknown weight "${name}" (known: ${Object.keys(weights).join(', ')})`);
    }
    const number = Number(value);
    if (value === undefined || value === '' || !Number.isFinite(number)) {
      throw new Error(`weight ${name} must be a number, not "${value ?? ''}"`);
    }
    weights[name as keyof NecessityWeights] = number;
  }
  return weights;
}
