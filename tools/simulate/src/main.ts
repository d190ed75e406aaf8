import { parseArgs } from 'node:util';
import { clientStreamId } from '@ledger/domain';
import { createLedgerRuntime, readConfig } from '@ledger/platform';
import { BatchWriter } from './writer';
import { simulate } from './simulation';

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
    },
  });
  const clients = Number(values.clients);
  const weeks = Number(values.weeks);
  const seed = Number(values.seed);
  if (!(clients > 0) || !(weeks > 0) || !Number.isInteger(seed) || !/^\d{4}-\d{2}-\d{2}$/.test(values.start!)) {
    console.error('usage: npm run simulate -- --clients N --weeks N [--ric 444] [--seed N] [--start YYYY-MM-DD]');
    process.exit(2);
  }
  const config = readConfig({ LOG_LEVEL: 'silent', ...process.env });
  const runtime = await createLedgerRuntime(config, { log: () => undefined });
  try {
    const ric = values.ric!;
    if ((await runtime.store.readStream(clientStreamId(ric, 'c00000'))).length > 0)
      throw new Error(`РИЦ ${ric} already has simulated clients in this database: use another --ric or an empty DATA_DIR`);
    const writer = new BatchWriter(runtime.store, ric, Number(values.batch));
    const t0 = performance.now();
    const result = await simulate({
      ric,
      clients,
      weeks,
      seed,
      start: values.start!,
      time: runtime.businessTime(ric),
      settings: { firstFullWeek: config.firstFullWeek, necessity: config.necessity },
      flush: (all) => writer.flush(all),
    });
    await writer.done();
    const appendedAt = performance.now();
    const rssAfterAppend = process.resourceUsage().maxRSS / 1024;
    let projectMs = 0;
    if (!values['no-projection']) {
      await runtime.projector.catchUp(3_600_000);
      projectMs = performance.now() - appendedAt;
    }
    const total = performance.now() - t0;
    const n = writer.appended;
    const rate = (ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en')} events/s`;
    const line = (label: string, value: string) => console.log(`${label.padEnd(44)} ${value}`);
    console.log(`\nРИЦ ${ric}: ${result.clients.length} clients, ${result.days} days from ${values.start} to ${result.end}, seed ${seed}`);
    line('events appended', `${n.toLocaleString('en')} in ${writer.batches} batches`);
    line('generate (deciders + workflows)', `${(result.generateMs / 1000).toFixed(1)} s, ${rate(result.generateMs)}`);
    line('append (appendMany, time in the database)', `${(writer.appendMs / 1000).toFixed(1)} s, ${rate(writer.appendMs)}`);
    line('generate + append (wall)', `${((appendedAt - t0) / 1000).toFixed(1)} s, ${rate(appendedAt - t0)}`);
    if (projectMs > 0) line('projection catch-up (wall)', `${(projectMs / 1000).toFixed(1)} s, ${rate(projectMs)}`);
    line('total (wall)', `${(total / 1000).toFixed(1)} s, ${rate(total)}`);
    line('peak RSS after append / at the end', `${Math.round(rssAfterAppend)} MiB / ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
    console.log('\nevents by type:');
    for (const [type, count] of [...result.counts].sort((a, b) => b[1] - a[1])) line(`  ${type}`, count.toLocaleString('en'));
    if (result.refusals.size > 0) {
      console.log('\ncommands refused by the domain (nothing appended):');
      for (const [code, count] of [...result.refusals].sort((a, b) => b[1] - a[1])) line(`  ${code}`, String(count));
    }
  } finally {
    await runtime.close();
  }
}

main().catch((error: unknown) => {
  console.error('[simulate]', error instanceof Error ? error.message : error);
  process.exit(1);
});
