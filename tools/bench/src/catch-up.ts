import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { Pool } from 'pg';
import { NewEvent, PostgresEventStore, RecordedEvent } from '@ledger/eventstore';
import { Projection, ProjectionRunner, defaultProjections, openReadModels } from '@ledger/read-models';
import { clientYear } from './reports';

type Line = (label: string, value: string) => void;

const PAGE = 1000;
/** Events of one client appended per round: the log interleaves clients as a working day does. */
const CHUNK = 5;

const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000);

/** Time in the projections' `apply`: each one's, and the wall time while any of them ran. */
class ApplyClock {
  readonly spent = new Map<string, number>();
  busy = 0;
  private running = 0;
  private since = 0;

  /** A projection that delegates and counts the time spent in its `apply` (what dominates). */
  timed(projection: Projection): Projection {
    return {
      ...projection,
      accepts: projection.accepts?.bind(projection),
      reset: (manager) => projection.reset(manager),
      apply: async (manager, events: readonly RecordedEvent[], context) => {
        const start = performance.now();
        if (this.running++ === 0) this.since = start;
        try {
          await projection.apply(manager, events, context);
        } finally {
          const end = performance.now();
          if (--this.running === 0) this.busy += end - this.since;
          this.spent.set(projection.name, (this.spent.get(projection.name) ?? 0) + end - start);
        }
      },
    };
  }
}

/**
 * Appends client years (the report bench's histories) round by round until `target` events, so that
 * a batch touches many clients, as the simulator's year and live traffic do. The generated log is
 * let go of on return: held through the catch-up, its ~450 MB made every full GC of the projector
 * in this process dearer than in a projector of its own (ADR 0070, fourth pass).
 */
async function appendClientYears(
  store: PostgresEventStore,
  target: number,
): Promise<{ clients: number; total: number; seconds: number }> {
  const ric = '444';
  const histories: NewEvent[][] = [];
  let total = 0;
  for (let i = 0; total < target; i++) {
    const events = clientYear(ric, i, 52);
    histories.push(events);
    total += events.length;
  }
  const started = performance.now();
  for (let round = 0; round * CHUNK < Math.max(...histories.map((h) => h.length)); round++) {
    const appends = histories
      .map((events, i) => ({
        streamId: `client-${ric}-c-${i}`,
        events: events.slice(round * CHUNK, (round + 1) * CHUNK),
        expectedVersion: round === 0 ? ('no_stream' as const) : round * CHUNK,
      }))
      .filter((a) => a.events.length > 0);
    for (let start = 0; start < appends.length; start += 250)
      await store.appendMany!(appends.slice(start, start + 250));
  }
  return { clients: histories.length, total, seconds: Math.round((performance.now() - started) / 1000) };
}

/**
 * The CPU seconds the server's processes have used so far (this machine's /proc: the embedded
 * server or a local one), or NaN when the server is elsewhere.
 */
async function serverCpuReader(pool: Pool): Promise<() => number> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const fieldsOf = (pid: number | string): string[] | null => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    } catch {
      return null;
    }
  };
  const postmaster = Number(fieldsOf(rows[0]!.pid)?.[1] ?? NaN);
  const ticks = 100; // USER_HZ: /proc counts in hundredths of a second on Linux
  return () => {
    if (Number.isNaN(postmaster)) return NaN;
    let sum = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const f = fieldsOf(pid);
      if (!f) continue;
      // the postmaster with its ended children's time, and each live child's own
      if (Number(pid) === postmaster) sum += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      else if (Number(f[1]) === postmaster) sum += Number(f[11]) + Number(f[12]);
    }
    return sum / ticks;
  };
}

/**
 * A full catch-up of every default projection from zero, on a log of BENCH_CATCHUP_EVENTS (about
 * 250,000) events of realistic client years (the report bench's histories), appended round by
 * round so that a batch touches many clients, as the simulator's year and live traffic do. Run in
 * a database of its own on the bench's server, beside a plain read of the same log by position.
 */
export async function benchCatchUp(url: string, line: Line): Promise<void> {
  const target = Number(process.env.BENCH_CATCHUP_EVENTS ?? 250_000);
  const database = `bench_catchup_${randomUUID().slice(0, 8)}`;
  const admin = new Pool({ connectionString: url, max: 1 });
  await admin.query(`CREATE DATABASE ${database}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${database}`;
  const pool = new Pool({ connectionString: dbUrl.toString(), max: 6 });
  const store = new PostgresEventStore(pool);
  try {
    await store.migrate();
    const { clients, total, seconds } = await appendClientYears(store, target);
    line(
      `catch-up log: ${clients} client years, ${CHUNK} events per client per round`,
      `${total} events appended in ${seconds} s`,
    );

    let started = performance.now();
    let after = '0';
    for (;;) {
      const { rows } = await pool.query(
        `SELECT position::text AS p, stream_id, stream_version, type, data, metadata FROM es_events
         WHERE position > $1 ORDER BY position LIMIT $2`,
        [after, PAGE],
      );
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1].p;
    }
    const plainRate = perSecond(total, performance.now() - started);
    line(`plain read of that log by position, pages of ${PAGE}`, `${plainRate} events/s`);

    const readModels = await openReadModels(dbUrl.toString());
    const clock = new ApplyClock();
    const projections = defaultProjections.map((p) => clock.timed(p));
    // BENCH_CATCHUP_BATCH: the runner's catch-up batch size (its default otherwise)
    const catchUpBatchSize = process.env.BENCH_CATCHUP_BATCH
      ? Number(process.env.BENCH_CATCHUP_BATCH)
      : undefined;
    const runner = new ProjectionRunner(store, readModels, projections, { catchUpBatchSize });
    const serverCpu = await serverCpuReader(pool);
    const serverBefore = serverCpu();
    const nodeBefore = process.cpuUsage();
    const baseRss = process.memoryUsage().rss;
    let peakRss = baseRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    started = performance.now();
    try {
      await runner.catchUp(24 * 3600_000);
    } finally {
      clearInterval(sampler);
      await readModels.destroy();
    }
    const ms = performance.now() - started;
    const node = process.cpuUsage(nodeBefore);
    const nodeSeconds = (node.user + node.system) / 1e6;
    const serverSeconds = serverCpu() - serverBefore;
    const rate = perSecond(total, ms);
    line(
      `catch-up of all default projections from zero (${projections.map((p) => p.name).join(', ')})`,
      `${rate} events/s (x${(rate / plainRate).toFixed(2)} of the plain read), ${Math.round(ms / 1000)} s`,
    );
    // the projections of a batch are applied together (ADR 0070): their times overlap
    line(
      `  time in apply per projection (applied together: overlapping)`,
      [...clock.spent].map(([name, t]) => `${name} ${Math.round(t / 1000)} s`).join(', ') +
        `; any applying ${Math.round(clock.busy / 1000)} s, the rest (log reads, checkpoints) ${Math.round((ms - clock.busy) / 1000)} s`,
    );
    line(
      `  CPU seconds of the catch-up: Node + server (steadier than wall time on a shared machine)`,
      `${nodeSeconds.toFixed(1)} + ${Number.isNaN(serverSeconds) ? '?' : serverSeconds.toFixed(1)} s`,
    );
    line(
      `  peak RSS during the catch-up`,
      `${Math.round(peakRss / 2 ** 20)} MiB (${Math.round(baseRss / 2 ** 20)} MiB before; the generated log let go of)`,
    );
  } finally {
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}
