import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, createLedgerRuntime, readConfig } from '@ledger/platform';
import { ProjectorModule } from './projector.module';

/** `npm run start:projector`: the projector alone (production runs it apart from the API). */
async function main(): Promise<void> {
  const config = readConfig();
  const runtime = await createLedgerRuntime(config, {
    log: (line) => console.log(`[projector] ${line}`),
    onProjectionError: (name, error) => console.error(`[projector] projection ${name} failed:`, error),
    onDatabaseFatal: (error) => {
      console.error(`[projector] ${error.message}; exiting`);
      process.exit(1);
    },
  });
  const app = await NestFactory.createApplicationContext(ProjectorModule.forRuntime(runtime));
  app.enableShutdownHooks();
  console.log('[projector] running');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  // `on`, not `once`: Nest's shutdown hook re-raises the signal once the app is closed.
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `[projector] configuration: ${error.message}` : error);
  process.exit(1);
});
