import { resolve } from 'node:path';
import { NecessitySettings, parseNecessityWeights } from '@ledger/domain';
import { parseDuration } from './duration';
import { ReportSettings, readReportSettings } from './report-config';

/** Everything the service reads from the environment (README: Configuration). */
export interface LedgerConfig {
  port: number;
  dataDir: string;
  /** null: start the embedded PostgreSQL in `dataDir`. */
  databaseUrl: string | null;
  embeddedPostgresPort: number;
  /** As root: where the embedded binaries and clusters go when the postgres user cannot reach them. */
  embeddedPostgresSharedDir: string;
  eventStore: 'postgres' | 'kurrentdb';
  kurrentDbUrl: string | null;
  clock: { mode: 'system' } | { mode: 'manual'; start: Date };
  authSecret: string | null;
  /** The longest lifetime (exp − iat) a bearer token may have, in seconds; `npm run token`'s default. */
  authMaxTokenTtlSeconds: number;
  /** Password of the analysts' read-only role (ANALYST_PASSWORD); null: generated once into DATA_DIR. */
  analystPassword: string | null;
  production: boolean;
  logLevel: string;
  /** IANA zone of the РИЦ's business dates (SPEC §3.2). */
  defaultTimeZone: string;
  /** How often the scheduler looks for due deadlines. */
  schedulerTickMs: number;
  /** Time zones of РИЦ other than the default, `RIC_TIME_ZONES=444:Europe/Moscow,555:Asia/Yekaterinburg`. */
  ricTimeZones: Record<string, string>;
  /** A Monday that began a full week of the cyclic format; weeks alternate full / diagnostic from it. */
  firstFullWeek: string;
  /** Contact necessity [003]: `NECESSITY_WEIGHTS` (e.g. `debt=0.15,base=0.2`) and `NECESSITY_DEBT_MONTHS`. */
  necessity: NecessitySettings;
  /** Clients whose state the command path keeps in memory between commands (0: none). */
  commandStateCache: number;
  /** Contact reason and closing codes a РИЦ adds to the lists of SPEC §3.3. */
  extraContactCodes: { planned: string[]; unplanned: string[]; closing: string[] };
  /** Run the projector (and scheduler) inside the API process; false when a projector process runs. */
  runProjector: boolean;
  /** Events per projector catch-up batch (PROJECTOR_CATCH_UP_BATCH); 0: the runner's default. */
  projectorCatchUpBatch: number;
  /** Extra production-calendar year files (ru-YYYY.json) an operator adds without a code change. */
  calendarDir: string | null;
  /** How long an Idempotency-Key and its answer are kept (IDEMPOTENCY_TTL_HOURS, default 48). */
  idempotencyTtlHours: number;
  /** Concurrent appends share one transaction and commit (GROUP_COMMIT, default on; ADR 0065). */
  groupCommit: boolean;
  /** appendMany batches of at least this many events go in through COPY; 0: never (APPEND_COPY_FROM; ADR 0105). */
  appendCopyFrom: number;
  /** The server ends a session idle inside a transaction this long (IDLE_IN_TRANSACTION_TIMEOUT_SECONDS). */
  idleInTransactionTimeoutSeconds: number;
  /** Report thresholds and norms (report-config.ts): RISK_BANDS, LONG_CALL_SECONDS, WORKLOAD_NORMS, LARGE_CLIENT_FEE. */
  reports: ReportSettings;
}

export class ConfigError extends Error {}

const oneOf = <T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T => {
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
};

const port = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new ConfigError(`${name} must be a port number (got "${value}")`);
  return n;
};

const positive = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new ConfigError(`${name} must be a positive number (got "${value}")`);
  return n;
};

export function readConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const production = env.NODE_ENV === 'production';
  const clockMode = oneOf('CLOCK', env.CLOCK, ['system', 'manual'] as const, 'system');
  if (clockMode === 'manual' && production)
    throw new ConfigError('CLOCK=manual is refused when NODE_ENV=production');
  let clockStart = new Date();
  if (env.CLOCK_START) {
    clockStart = new Date(env.CLOCK_START);
    if (Number.isNaN(clockStart.getTime()))
      throw new ConfigError(`CLOCK_START must be an ISO instant (got "${env.CLOCK_START}")`);
  }
  const eventStore = oneOf('EVENT_STORE', env.EVENT_STORE, ['postgres', 'kurrentdb'] as const, 'postgres');
  if (eventStore === 'kurrentdb' && !env.KURRENTDB_URL)
    throw new ConfigError('EVENT_STORE=kurrentdb needs KURRENTDB_URL');
  return {
    port: port('PORT', env.PORT, 3000),
    dataDir: resolve(env.DATA_DIR || './.data'),
    databaseUrl: env.DATABASE_URL || null,
    embeddedPostgresPort: port('EMBEDDED_PG_PORT', env.EMBEDDED_PG_PORT, 54329),
    embeddedPostgresSharedDir: resolve(env.EMBEDDED_PG_SHARED_DIR || '/var/lib/remote-service-ledger'),
    eventStore,
    kurrentDbUrl: env.KURRENTDB_URL || null,
    clock: clockMode === 'manual' ? { mode: 'manual', start: clockStart } : { mode: 'system' },
    authSecret: env.AUTH_SECRET || null,
    authMaxTokenTtlSeconds: durationSetting('AUTH_MAX_TOKEN_TTL', env.AUTH_MAX_TOKEN_TTL, 8 * 3600),
    analystPassword: env.ANALYST_PASSWORD || null,
    production,
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    defaultTimeZone: env.RIC_TIME_ZONE || 'Europe/Moscow',
    calendarDir: env.CALENDAR_DIR || null,
    idempotencyTtlHours: positive('IDEMPOTENCY_TTL_HOURS', env.IDEMPOTENCY_TTL_HOURS, 48),
    groupCommit: oneOf('GROUP_COMMIT', env.GROUP_COMMIT, ['1', '0'], '1') === '1',
    appendCopyFrom: wholeNumber('APPEND_COPY_FROM', env.APPEND_COPY_FROM, 0),
    idleInTransactionTimeoutSeconds: positive(
      'IDLE_IN_TRANSACTION_TIMEOUT_SECONDS',
      env.IDLE_IN_TRANSACTION_TIMEOUT_SECONDS,
      60,
    ),
    runProjector: env.RUN_PROJECTOR !== 'false',
    projectorCatchUpBatch: wholeNumber('PROJECTOR_CATCH_UP_BATCH', env.PROJECTOR_CATCH_UP_BATCH, 0),
    schedulerTickMs: Number(env.SCHEDULER_TICK_MS || 1000),
    ricTimeZones: parseTimeZones(env.RIC_TIME_ZONES),
    firstFullWeek: dateSetting('FIRST_FULL_WEEK', env.FIRST_FULL_WEEK, '2026-01-05'),
    necessity: {
      weights: weightsSetting(env.NECESSITY_WEIGHTS),
      debtOverMonths: positiveNumber('NECESSITY_DEBT_MONTHS', env.NECESSITY_DEBT_MONTHS, 1),
    },
    commandStateCache: wholeNumber('COMMAND_STATE_CACHE', env.COMMAND_STATE_CACHE, 5000),
    extraContactCodes: {
      planned: codes(env.EXTRA_PLANNED_REASONS),
      unplanned: codes(env.EXTRA_UNPLANNED_REASONS),
      closing: codes(env.EXTRA_CLOSING_REASONS),
    },
    reports: readReportSettings(env),
  };
}

function parseTimeZones(value: string | undefined): Record<string, string> {
  const zones: Record<string, string> = {};
  for (const pair of (value ?? '').split(',').filter(Boolean)) {
    const [ric, zone] = pair.split(':').map((s) => s.trim());
    if (!ric || !zone)
      throw new ConfigError(
        `RIC_TIME_ZONES must look like 444:Europe/Moscow,555:Asia/Yekaterinburg (got "${value}")`,
      );
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
    } catch {
      throw new ConfigError(`RIC_TIME_ZONES: unknown time zone ${zone}`);
    }
    zones[ric] = zone;
  }
  return zones;
}

function codes(value: string | undefined): string[] {
  const list = (value ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  const bad = list.find((c) => !/^[a-z][a-z0-9_]{0,63}$/.test(c));
  if (bad) throw new ConfigError(`contact codes are snake_case words (got "${bad}")`);
  return list;
}

function dateSetting(name: string, value: string | undefined, fallback: string): string {
  if (!value) return fallback;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new ConfigError(`${name} must be a date YYYY-MM-DD (got "${value}")`);
  }
  return value;
}

function weightsSetting(value: string | undefined): NecessitySettings['weights'] {
  try {
    return parseNecessityWeights(value);
  } catch (error) {
    throw new ConfigError(`NECESSITY_WEIGHTS: ${(error as Error).message}`);
  }
}

function positiveNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new ConfigError(`${name} must be a positive number (got "${value}")`);
  return n;
}

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new ConfigError(`${name} must be a whole number ≥ 0 (got "${value}")`);
  return n;
}

function durationSetting(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const seconds = parseDuration(value);
  if (seconds === null)
    throw new ConfigError(`${name} must be a duration like 8h, 90m or 3600 (seconds) (got "${value}")`);
  return seconds;
}
