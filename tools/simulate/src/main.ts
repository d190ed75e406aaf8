import { parseArgs } from 'node:util';
import { createLedgerRuntime, readConfig } from '@ledger/platform';
import { printFigures, runSimulation } from './run';

/**
 * `npm run simulate -- --clients 5000 --weeks 52 [--ric 444] [--seed N] [--start 2026-01-12]`:
 * a РИЦ's year of remote service into the configured database (DATA_DIR's embedded PostgreSQL or
 * DATABASE_URL), then the read models brought up to date. Prints rates, counts and peak memory.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      clients: { type: 'string', default: '5000' },
      weeks: { type: 'string', default: '52' },
      ric: { type: 'string', default: '444' },
      seed: { type: 'string', default: '1' },
      start: { type: 'string', default: '2026-01-12' },
      batch: { type: 'string', default: '20000' },
      'no-projection': { type: 'boolean', default: false },
      // project while appending (ADR 0075)
      'project-alongside': { type: 'boolean', default: false },
      // generate in a worker thread, append (and project) on the main one (ADR 0075)
      worker: { type: 'boolean', default: false },
      // with --project-alongside: events appended that start the next catch-up
      'project-every': { type: 'string', default: '100000' },
    },
  });
  const options = {
    ric: values.ric!,
    clients: Number(values.clients),
    weeks: Number(values.weeks),
    seed: Number(values.seed),
    start: values.start!,
    batchEvents: Number(values.batch),
    project: !values['no-projection'],
    projectWhileAppending: values['project-alongside'],
    worker: values.worker,
    projectEvery: Number(values['project-every']),
    progress: (line: string) => console.log(`[simulate] ${new Date().toISOString().slice(11, 19)} ${line}`),
  };
  const monday = new Date(`${options.start}T12:00:00Z`).getUTCDay() === 1;
  if (!(options.clients > 0) || !(options.weeks > 0) || !Number.isInteger(options.seed) || !monday) {
    console.error(
      'usage: npm run simulate -- --clients N --weeks N [--ric 444] [--seed N] [--start <a Monday>]',
    );
    process.exit(2);
  }
  const runtime = await createLedgerRuntime(readConfig({ LOG_LEVEL: 'silent', ...process.env }));
  try {
    printFigures(await runSimulation(runtime, options), options, (line) => console.log(line));
  } finally {
    await runtime.close();
  }
}

main().catch((error: unknown) => {
  console.error('[simulate]', error instanceof Error ? error.message : error);
  process.exit(1);
});
