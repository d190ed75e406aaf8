import 'reflect-metadata';
import { ConfigError, createLedgerRuntime, readConfig } from '@ledger/platform';
import { seedDemo } from '@ledger/simulate';
import { createApp } from './create-app';
import { flushLog, serviceLogger } from './http/request-log';
import { BackgroundThread } from './background/background-thread';

const STOP_TIMEOUT_MS = 10_000;

/**
 * `npm start`: API, projector and scheduler in one process (embedded PostgreSQL unless DATABASE_URL);
 * the projector and the scheduler on a thread of their own unless PROJECTOR_THREAD=0 or the clock is
 * manual (its time is moved in the API's thread, and the deadlines must fire by that one clock).
 */
async function main(): Promise<void> {
  const config = readConfig();
  const log = (line: string) => console.log(`[ledger] ${line}`);
  const runtime = await createLedgerRuntime(config, {
    log,
    onProjectionError: (name, error) => console.error(`[ledger] projection ${name} failed:`, error),
    // No database and no way to bring it back: exit, so that a supervisor restarts the whole service.
    onDatabaseFatal: (error) => {
      console.error(`[ledger] ${error.message}; exiting`);
      process.exit(1);
    },
  });
  // a newcomer's demo data set into an empty store (README, "Demo data")
  if (process.env.DEMO === '1') await seedDemo(runtime, log);
  const onThread =
    config.runProjector && config.clock.mode === 'system' && process.env.PROJECTOR_THREAD !== '0';
  // A thread that stops unasked is a crash, as it would be in one thread: exit, a supervisor restarts.
  const background = onThread
    ? new BackgroundThread(runtime, (reason) => {
        console.error(`[ledger] the projector thread stopped: ${reason}; exiting`);
        void stop('projector thread', 1);
      })
    : null;
  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  let stopping = false;
  const stop = async (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    // Closing waits for in-flight work; with the database gone that must not hold the process.
    setTimeout(() => {
      console.error(`[ledger] ${signal}: not stopped after ${STOP_TIMEOUT_MS} ms, exiting anyway`);
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    await app?.close();
    // the projector's last batch before the database it writes to goes away
    await background?.stop();
    await runtime.close();
    process.exit(code);
  };
  // (awaited below; a failure meanwhile is not an unhandled rejection)
  background?.ready.catch(() => undefined);
  const serviceLog = serviceLogger(config.logLevel);
  app = await createApp(runtime, { projector: background ?? undefined, serviceLog });
  if (background) await background.ready;
  else if (config.runProjector) runtime.startBackground();
  await app.listen(config.port);
  // Nest's startup lines wait in the service log's buffer: written first, they read in order
  await flushLog(serviceLog);
  log(`listening on http://localhost:${config.port} (API /api/v1, docs /docs, health /health)`);
  log(
    `database: ${config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL in ${config.dataDir}/pg`}; event store: ${config.eventStore}; clock: ${config.clock.mode}; projector: ${background ? 'own thread' : config.runProjector ? 'API thread' : 'not here (RUN_PROJECTOR=false)'}`,
  );

  // `on`, not `once`: Nest's shutdown hook re-raises the signal after closing the app, which must
  // not kill the process before the database is stopped (`stopping` makes the second call a no-op).
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`[ledger] configuration: ${error.message}`);
  else console.error('[ledger] failed to start:', error);
  process.exit(1);
});
