import { DEFAULT_REPORT_SETTINGS, ReportSettings, parseRiskBands, parseWorkloadNorms } from '@ledger/domain';

import { ConfigError } from './config';

export type { ReportSettings } from '@ledger/domain';

const attempt = <T>(name: string, read: () => T): T => {
  try {
    return read();
  } catch (error) {
    throw new ConfigError(`${name}: ${(error as Error).message}`);
  }
};

const positive = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new ConfigError(`${name} must be a positive number (got "${value}")`);
  return n;
};

/** The report settings a РИЦ configures; the rest keep the defaults of ADR 0050–0054. */
export function readReportSettings(env: NodeJS.ProcessEnv): ReportSettings {
  return {
    ...DEFAULT_REPORT_SETTINGS,
    riskBands: attempt('RISK_BANDS', () => parseRiskBands(env.RISK_BANDS)),
    longCallSec: positive('LONG_CALL_SECONDS', env.LONG_CALL_SECONDS, DEFAULT_REPORT_SETTINGS.longCallSec),
    workload: attempt('WORKLOAD_NORMS', () => parseWorkloadNorms(env.WORKLOAD_NORMS)),
    largeClientFee: positive(
      'LARGE_CLIENT_FEE',
      env.LARGE_CLIENT_FEE,
      DEFAULT_REPORT_SETTINGS.largeClientFee,
    ),
  };
}
