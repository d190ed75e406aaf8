/**
 * «Фиксация отклонений» [002]: the bands of the indicator scale (base 0.20) — 0.34 and above high
 * risk (угроза), 0.30 up to 0.34 dynamic risk, 0.20–0.29 no threat. The same bands classify the
 * contact necessity indicator. Configurable per РИЦ (`RISK_BANDS=high=0.34,dynamic=0.3`).
 */
export type RiskLevel = 'high' | 'dynamic' | 'none';

export interface RiskBands {
  /** From this value up: high risk (высокий риск, угроза). */
  high: number;
  /** From this value up to `high`: dynamic risk (динамический риск). Below: no threat. */
  dynamic: number;
}

export const DEFAULT_RISK_BANDS: RiskBands = { high: 0.34, dynamic: 0.3 };

const RANK: Record<RiskLevel, number> = { none: 0, dynamic: 1, high: 2 };

/** The band an indicator falls in; compared in hundredths so 0.34 from a sum of weights is 0.34. */
export function riskLevelOf(indicator: number, bands: RiskBands = DEFAULT_RISK_BANDS): RiskLevel {
  const hundredths = Math.round(indicator * 100);
  if (hundredths >= Math.round(bands.high * 100)) return 'high';
  if (hundredths >= Math.round(bands.dynamic * 100)) return 'dynamic';
  return 'none';
}

/** The worst of several levels (a client's deviation level is its worst dimension). */
export const worstLevel = (levels: readonly RiskLevel[]): RiskLevel =>
  levels.reduce<RiskLevel>((worst, level) => (RANK[level] > RANK[worst] ? level : worst), 'none');

/** Orders levels from the worst: high, dynamic, none. */
export const levelRank = (level: RiskLevel): number => RANK[level];

/** Bands from configuration, e.g. `high=0.34,dynamic=0.3`; errors name the bad part. */
export function parseRiskBands(text: string | undefined): RiskBands {
  const bands = { ...DEFAULT_RISK_BANDS };
  for (const part of (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, value] = part.split('=').map((p) => p.trim());
    if (name !== 'high' && name !== 'dynamic')
      throw new Error(`unknown band "${name}" (known: high, dynamic)`);
    const number = Number(value);
    if (value === undefined || value === '' || !Number.isFinite(number)) {
      throw new Error(`band ${name} must be a number, not "${value ?? ''}"`);
    }
    bands[name] = number;
  }
  if (bands.dynamic > bands.high) throw new Error('band dynamic must not be above high');
  return bands;
}
