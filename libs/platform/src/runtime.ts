import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { Clock, ClientCommandService, ManualClock, SystemClock } from '@ledger/application';
import { BusinessTime } from '@ledger/domain';
import { EventStore, PostgresEventStore } from '@ledger/eventstore';
import { PersonalDataStore, PostgresPersonKeyStore, sealStoredPersonalData } from './personal-data';
import { DeadlineScheduler, ProjectionRunner, openReadModels, projectionsWith } from '@ledger/read-models';
import { businessTimeSource } from './business-time';
import { resolveAuthSecret } from './auth-secret';
import { applyAnalystPassword } from './analyst-access';
import { LedgerConfig } from './config';
import { sessionSettings } from './database-sessions';
import { outageLog } from './outage-log';
import { RunningDatabase, startEmbeddedPostgres } from './embedded-postgres';
import { createKurrentDbStore } from './kurrentdb';

/**
 * Everything one process of the ledger holds: the database (embedded or given), the event store,
 * the read models, the clock and the command service. Built before Nest so tests and scripts can
 * build it the same way.
 */
export interface LedgerRuntime {
  config: LedgerConfig;
  databaseUrl: string;
  pool: Pool;
  store: EventStore;
  readModels: DataSource;
  clock: Clock;
  commands: ClientCommandService;
  projector: ProjectionRunner;
  scheduler: DeadlineScheduler;
  businessTime: (ric: string) => BusinessTime;
  /** Starts the projector and the scheduler's ticks (a process that runs them). */
  startBackground(): void;
  /**
   * Brings the read models up to date and fires every deadline due by the clock, repeatedly, until
   * nothing more is due (what POST /admin/clock waits for).
   */
  settle(): Promise<void>;
  authSecret: string;
  /** The embedded PostgreSQL this process started and watches; null with DATABASE_URL. */
  embeddedDatabase: RunningDatabase | null;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  log?: (line: string) => void;
  onProjectionError?: (projection: string, error: unknown) => void;
  /** The embedded PostgreSQL died and could not be started again (the process should exit non-zero). */
  onDatabaseFatal?: (error: Error) => void;
}

const IDEMPOTENCY_PURGE_EVERY_MS = 3_600_000;

export async function createLedgerRuntime(
  config: LedgerConfig,
  options: RuntimeOptions = {},
): Promise<LedgerRuntime> {
  const log = options.log ?? (() => undefined);
  let embedded: RunningDatabase | null = null;
  if (!config.databaseUrl) {
    log(`starting the embedded PostgreSQL in ${config.dataDir}/pg`);
    embedded = await startEmbeddedPostgres(
      config.dataDir,
      config.embeddedPostgresPort,
      (line) => log(`postgres: ${line}`),
      { sharedDir: config.embeddedPostgresSharedDir, onFatal: options.onDatabaseFatal },
    );
  }
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  const session = sessionSettings(config.idleInTransactionTimeoutSeconds);
  const idempotencyTtlMs = config.idempotencyTtlHours * 3_600_000;
  const pool = new Pool({ connectionString: databaseUrl, max: 16, ...session });
  // An idle connection dropped by the server (restart, shutdown) must not bring the process down.
  pool.on('error', (error) => log(`database connection lost: ${error.message}`));
  const closers: Array<() => Promise<void>> = [];
  try {
    let raw: EventStore;
    if (config.eventStore === 'kurrentdb') {
      raw = createKurrentDbStore(config.kurrentDbUrl!, idempotencyTtlMs);
    } else {
      const postgresStore = new PostgresEventStore(pool, false, {
        idempotencyTtlMs,
        groupCommit: config.groupCommit,
        copyFromEvents: config.appendCopyFrom,
      });
      await postgresStore.migrate();
      raw = postgresStore;
    }
    // contact persons' personal data is sealed per person in the log (crypto-shredding, ADR 0058)
    const personKeys = new PostgresPersonKeyStore(pool);
    await personKeys.migrate();
    const store = new PersonalDataStore(raw, personKeys);
    if (config.eventStore !== 'kurrentdb') {
      const sealed = await sealStoredPersonalData(pool, store);
      if (sealed > 0) log(`sealed the personal data of ${sealed} events written in plain`);
    }
    closers.push(() => store.close());
    const readModels = await openReadModels(databaseUrl, 10, { ...session });
    closers.push(() => readModels.destroy());
    // the analysts' read-only role (created by the read models' migrations) gets its password
    await applyAnalystPassword(pool, config, log);
    const clock = config.clock.mode === 'manual' ? new ManualClock(config.clock.start) : new SystemClock();
    const outage = outageLog(log);
    // report figures count in the РИЦ's calendar days
    const timeZoneOf = (ric: string) => config.ricTimeZones[ric] ?? config.defaultTimeZone;
    const projections = projectionsWith(config.necessity, { timeZoneOf });
    const projector = new ProjectionRunner(store, readModels, projections, {
      // 0: the runner's default (its memory/throughput trade-off, ADR 0070)
      catchUpBatchSize: config.projectorCatchUpBatch || undefined,
      onError: options.onProjectionError,
      // An outage is not the projection's fault: retry quietly, do not mark it failed.
      isTransient: (error) => outage.failed('projector', error),
    });
    const businessTime = businessTimeSource(config);
    const commands = new ClientCommandService(
      store,
      clock,
      businessTime,
      { firstFullWeek: config.firstFullWeek, necessity: config.necessity },
      config.commandStateCache,
    );
    const scheduler = new DeadlineScheduler(
      readModels,
      async (deadline) => {
        await commands.execute({
          ric: deadline.ric,
          clientId: deadline.clientId,
          actor: { id: 'scheduler', role: 'SYSTEM' },
          command: { type: 'FireDeadline', deadlineId: deadline.deadlineId },
        });
      },
      {
        onError: (deadline, error) =>
          log(`deadline ${deadline.deadlineId} of ${deadline.clientId} failed: ${String(error)}`),
      },
    );
    let ticker: NodeJS.Timeout | null = null;
    let purger: NodeJS.Timeout | null = null;
    // Expired Idempotency-Keys are ignored on lookup already; this keeps their table small.
    const purgeKeys = () =>
      void store
        .purgeExpiredIdempotencyKeys()
        .then((n) => n > 0 && log(`removed ${n} expired idempotency keys`))
        .catch((error: unknown) => log(`idempotency key cleanup: ${String(error)}`));
    let ticking = false;
    const settle = async () => {
      for (let round = 0; round < 1000; round++) {
        await projector.catchUp();
        if ((await scheduler.fireDue(clock.now())) > 0) continue;
        // the background tick may still be firing what it claimed: wait for it, not answer early
        if (!(await scheduler.othersAtWork(clock.now()))) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error('deadlines kept firing: a workflow sets deadlines that are already due without end');
    };
    return {
      config,
      databaseUrl,
      pool,
      store,
      readModels,
      clock,
      commands,
      projector,
      scheduler,
      businessTime,
      startBackground: () => {
        projector.start();
        if (ticker) return;
        purgeKeys();
        purger = setInterval(purgeKeys, IDEMPOTENCY_PURGE_EVERY_MS);
        purger.unref();
        // The scheduler's tick: durable deadlines in rm_deadlines, never timers inside workflows.
        ticker = setInterval(() => {
          if (ticking) return;
          ticking = true;
          scheduler
            .fireDue(clock.now())
            .then(() => outage.succeeded())
            .catch((error: unknown) => {
              if (!outage.failed('scheduler', error)) log(`scheduler: ${String(error)}`);
            })
            .finally(() => (ticking = false));
        }, config.schedulerTickMs);
      },
      settle,
      authSecret: resolveAuthSecret(config.authSecret, config.dataDir),
      embeddedDatabase: embedded,
      close: async () => {
        if (ticker) clearInterval(ticker);
        if (purger) clearInterval(purger);
        await projector.stop();
        for (const close of closers.reverse()) await close().catch(() => undefined);
        await pool.end().catch(() => undefined);
        if (embedded) await embedded.stop();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await pool.end().catch(() => undefined);
    if (embedded) await embedded.stop().catch(() => undefined);
    throw error;
  }
}
