import 'reflect-metadata';
import { createLedgerRuntime, readConfig } from '@ledger/platform';

/** `npm run projections:rebuild -- NAME`: rebuilds one projection from the first event, then exits. */
async function main(): Promise<void> {
  const name = process.argv[2];
  const runtime = await createLedgerRuntime(readConfig());
  try {
    const known = runtime.projector.projections.map((p) => p.name);
    if (!name || !known.includes(name)) {
      console.error(`usage: npm run projections:rebuild -- <${known.join('|')}>`);
      process.exitCode = 2;
      return;
    }
    const events = await runtime.projector.rebuild(name);
    console.log(`rebuilt ${name} from ${events} events`);
  } finally {
    await runtime.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
