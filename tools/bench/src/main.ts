import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { PostgresEventStore } from '@ledger/eventstore';
import { Projection, ProjectionRunner, openReadModels } from '@ledger/read-models';
import { readConfig, startEmbeddedPostgres } from '@ledger/platform';
import { benchDeadlines, benchReplay } from './workflows';
import { benchCommandCost } from './command-cost';
import { benchPlanner } from './planner';
import { benchImport } from './import';
import { WRITERS, benchAppendPhase, benchEvent } from './appends';
import { benchReports } from './reports';
import { benchHttp } from './http';
import { benchCatchUp } from './catch-up';

/**
 * `npm run bench`: figures for the PostgreSQL event store on the embedded server (or DATABASE_URL),
 * each beside a plain SQL loop run in the same process on the same server.
 */
const READ_EVENTS = Number(process.env.BENCH_READ_EVENTS ?? 200000);
const PAGE = 1000;

const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000);
const line = (label: string, value: string) => console.log(`${label.padEnd(58)} ${value}`);

async function timed(run: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function fillLog(store: PostgresEventStore, total: number): Promise<void> {
  const batch = 500;
  for (let done = 0; done < total; done += batch) {
    await store.append(
      `bulk-${randomUUID()}`,
      Array.from({ length: batch }, (_, i) => benchEvent(done + i)),
      {
        expectedVersion: 'no_stream',
      },
    );
  }
}

async function benchReadAll(store: PostgresEventStore): Promise<{ ms: number; count: number }> {
  let count = 0;
  const ms = await timed(async () => {
    let cursor: string | null = null;
    for (;;) {
      const page = await store.readAll(cursor, PAGE);
      count += page.events.length;
      cursor = page.cursor;
      if (page.events.length < PAGE) break;
    }
  });
  return { ms, count };
}

async function benchPlainRead(pool: Pool): Promise<{ ms: number; count: number }> {
  let count = 0;
  const ms = await timed(async () => {
    let after = '0';
    for (;;) {
      const { rows } = await pool.query(
        `SELECT position::text AS p, stream_id, stream_version, type, data, metadata FROM es_events
         WHERE position > $1 ORDER BY position LIMIT $2`,
        [after, PAGE],
      );
      count += rows.length;
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].p;
    }
  });
  return { ms, count };
}

/** A simple projection: a running count of events per stream. */
const countPerStream: Projection = {
  name: 'bench_count',
  tables: ['bench_counts'],
  async apply(manager, events) {
    const counts = new Map<string, number>();
    for (const e of events) counts.set(e.streamId, (counts.get(e.streamId) ?? 0) + 1);
    await manager.query(
      `INSERT INTO bench_counts (stream_id, events) SELECT * FROM unnest($1::text[], $2::integer[])
       ON CONFLICT (stream_id) DO UPDATE SET events = bench_counts.events + excluded.events`,
      [[...counts.keys()], [...counts.values()]],
    );
  },
  async reset(manager) {
    await manager.query('DELETE FROM bench_counts');
  },
};

async function main(): Promise<void> {
  let url = process.env.DATABASE_URL ?? null;
  let stopEmbedded: (() => Promise<void>) | null = null;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  if (!url) {
    const embedded = await startEmbeddedPostgres(
      dir,
      Number(process.env.EMBEDDED_PG_PORT ?? 54339),
      () => undefined,
      { sharedDir: readConfig().embeddedPostgresSharedDir },
    );
    url = embedded.url;
    stopEmbedded = embedded.stop;
  }
  console.log(
    `machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB; node ${process.version}; ` +
      `server: ${stopEmbedded ? 'embedded PostgreSQL (npm start defaults)' : 'DATABASE_URL'}`,
  );
  const pool = new Pool({ connectionString: url, max: WRITERS + 4 });
  const store = new PostgresEventStore(pool);
  await store.migrate();
  try {
    // BENCH_ONLY=reports,planner,…: some phases alone (the report data takes minutes to build)
    const phases: Record<string, () => Promise<void>> = {
      appends: async () => void (await benchAppendPhase(url!, line)),
      replay: () => benchReplay(url!, line),
      'command-cost': () => benchCommandCost(url!, line),
      deadlines: () => benchDeadlines(url!, dir, line),
      planner: () => benchPlanner(url!, dir, line),
      import: () => benchImport(url!, dir, line),
      reports: () => benchReports(url!, dir, line),
      http: () => benchHttp(line),
      'catch-up': () => benchCatchUp(url!, line),
    };
    if (process.env.BENCH_ONLY) {
      for (const name of process.env.BENCH_ONLY.split(',')) {
        const phase = phases[name.trim()];
        if (!phase) throw new Error(`BENCH_ONLY: no phase ${name} (${Object.keys(phases).join(', ')})`);
        await phase();
      }
      return;
    }
    await benchAppendPhase(url, line);

    // the append phase left its events in the log: fill it up to READ_EVENTS
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::integer AS n FROM es_events');
    await fillLog(store, Math.max(0, READ_EVENTS - rows[0]!.n));
    const plainRead = await benchPlainRead(pool);
    const read = await benchReadAll(store);
    const plainReadRate = perSecond(plainRead.count, plainRead.ms);
    const readRate = perSecond(read.count, read.ms);
    line(`plain read by position, pages of ${PAGE} (${plainRead.count} events)`, `${plainReadRate} events/s`);
    line(
      `global log read (gap-free), pages of ${PAGE} (${read.count} events)`,
      `${readRate} events/s (x${(readRate / plainReadRate).toFixed(2)})`,
    );

    const readModels = await openReadModels(url);
    await readModels.query(
      'CREATE TABLE IF NOT EXISTS bench_counts (stream_id text PRIMARY KEY, events integer NOT NULL)',
    );
    const runner = new ProjectionRunner(store, readModels, [countPerStream], { batchSize: 1000 });
    const catchUpMs = await timed(() => runner.catchUp());
    line(
      `projection catch-up (count per stream), batches of 1000`,
      `${perSecond(read.count, catchUpMs)} events/s`,
    );
    await readModels.destroy();

    await benchReplay(url, line);
    await benchCommandCost(url, line);
    await benchDeadlines(url, dir, line);
    await benchPlanner(url, dir, line);
    await benchImport(url, dir, line);
    await benchReports(url, dir, line);
    await benchHttp(line);
    await benchCatchUp(url, line);
  } finally {
    await pool.end();
    if (stopEmbedded) await stopEmbedded();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
