import { DEFAULT_DEVIATION_SETTINGS, DeviationSettings } from './deviations';
import { DEFAULT_SEGMENT_COEFFICIENTS, SegmentCoefficients } from './loyalty-segment';
import { DEFAULT_RISK_BANDS, RiskBands } from './risk-levels';
import { DEFAULT_TRIGGER_SETTINGS, TriggerSettings } from './triggers';

/**
 * What a РИЦ may set for its reports (README "Configuration", ADR 0050–0054). Thresholds the seeds
 * call provisional («выбрали пока такую длительность») or that differ between РИЦ are here.
 */
export interface ReportSettings {
  riskBands: RiskBands;
  deviations: DeviationSettings;
  triggers: TriggerSettings;
  segmentCoefficients: SegmentCoefficients;
  /** A connected call longer than this counts as «более 4 минут» [001] (`LONG_CALL_SECONDS`, 240). */
  longCallSec: number;
  /** The lower bound of the 1–4 minute calls. */
  shortCallMinSec: number;
  /** КПП norm: 120 service points [001]; ПМ: 144–192 clients (`WORKLOAD_NORMS=kpp=120,pmMin=144,pmMax=192`). */
  workload: { kpp: number; pmMin: number; pmMax: number };
  /** Above this monthly fee a client is in the large segment [002] (`LARGE_CLIENT_FEE`, 15 000 ₽). */
  largeClientFee: number;
  /** Competitor diagnostics twice a year [002]: the next is due this many months after the last. */
  competitorDiagnosticsMonths: number;
}

export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  riskBands: DEFAULT_RISK_BANDS,
  deviations: DEFAULT_DEVIATION_SETTINGS,
  triggers: DEFAULT_TRIGGER_SETTINGS,
  segmentCoefficients: DEFAULT_SEGMENT_COEFFICIENTS,
  longCallSec: 240,
  shortCallMinSec: 60,
  workload: { kpp: 120, pmMin: 144, pmMax: 192 },
  largeClientFee: 15000,
  competitorDiagnosticsMonths: 6,
};

/** `kpp=120,pmMin=144,pmMax=192`: the named norms, the rest as default; errors name the bad part. */
export function parseWorkloadNorms(text: string | undefined): ReportSettings['workload'] {
  const norms = { ...DEFAULT_REPORT_SETTINGS.workload };
  for (const part of (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, value] = part.split('=').map((p) => p.trim());
    if (name !== 'kpp' && name !== 'pmMin' && name !== 'pmMax')
      throw new Error(`unknown norm "${name}" (known: kpp, pmMin, pmMax)`);
    const number = Number(value);
    if (!Number.isFinite(number) || number <= 0)
      throw new Error(`norm ${name} must be a positive number, not "${value ?? ''}"`);
    norms[name] = number;
  }
  if (norms.pmMin > norms.pmMax) throw new Error('norm pmMin must not be above pmMax');
  return norms;
}
