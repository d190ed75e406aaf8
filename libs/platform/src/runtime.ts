import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { Clock, ClientCommandService, ManualClock, SystemClock } from '@ledger/application';
import { EventStore, PostgresEventStore } from '@ledger/eventstore';
import { ProjectionRunner, defaultProjections, openReadModels } from '@ledger/read-models';
import { resolveAuthSecret } from './auth-secret';
import { LedgerConfig } from './config';
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
  authSecret: string;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  log?: (line: string) => void;
  onProjectionError?: (projection: string, error: unknown) => void;
}

export async function createLedgerRuntime(
  config: LedgerConfig,
  options: RuntimeOptions = {},
): Promise<LedgerRuntime> {
  const log = options.log ?? (() => undefined);
  let embedded: RunningDatabase | null = null;
  if (!config.databaseUrl) {
    log(`starting the embedded PostgreSQL in ${config.dataDir}/pg`);
    embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, (line) =>
      log(`postgres: ${line}`),
    );
  }
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  const pool = new Pool({ connectionString: databaseUrl, max: 16 });
  // An idle connection dropped by the server (restart, shutdown) must not bring the process down.
  pool.on('error', (error) => log(`database connection lost: ${error.message}`));
  const closers: Array<() => Promise<void>> = [];
  try {
    let store: EventStore;
    if (config.eventStore === 'kurrentdb') {
      store = createKurrentDbStore(config.kurrentDbUrl!);
    } else {
      const postgresStore = new PostgresEventStore(pool);
      await postgresStore.migrate();
      store = postgresStore;
    }
    closers.push(() => store.close());
    const readModels = await openReadModels(databaseUrl);
    closers.push(() => readModels.destroy());
    const clock = config.clock.mode === 'manual' ? new ManualClock(config.clock.start) : new SystemClock();
    const projector = new ProjectionRunner(store, readModels, defaultProjections, {
      onError: options.onProjectionError,
    });
    return {
      config,
      databaseUrl,
      pool,
      store,
      readModels,
      clock,
      commands: new ClientCommandService(store, clock),
      projector,
      authSecret: resolveAuthSecret(config.authSecret, config.dataDir),
      close: async () => {
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
