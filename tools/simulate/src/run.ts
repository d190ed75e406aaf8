import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { clientStreamId } from '@ledger/domain';
import type { LedgerRuntime } from '@ledger/platform';
import { rememberedTime } from './fast-time';
import { GeneratorInput, GeneratorSummary, appendFrom } from './generator-thread';
import { serverCpuSeconds } from './server-cpu';
import { simulate } from './simulation';
import { BatchWriter } from './writer';

export interface RunOptions {
  ric: string;
  clients: number;
  weeks: number;
  seed: number;
  /** The first day, a Monday. */
  start: string;
  /** The last day at the latest (the demo stops today). */
  until?: string;
  /** Events per appendMany (one transaction). */
  batchEvents?: number;
  /** Pending events that make a flush at the end of a day (default 20,000). */
  flushEvery?: number;
  /** Bring the read models up to date after the appends (default true). */
  project?: boolean;
  /**
   * Project while the appends run (default false): the projector's catch-up is called again
   * meanwhile (every `projectEvery` events appended), so that the catch-up after the last append has
   * little left. The read models end the same: the projector reads the same log in the same order.
   * With `worker`, the folds no longer share a thread with the generation (ADR 0075).
   */
  projectWhileAppending?: boolean;
  /** With `projectWhileAppending`: the events appended that start the next catch-up (default 100,000). */
  projectEvery?: number;
  /**
   * Generate in a worker thread (default false): the main thread then only appends (and projects,
   * with `projectWhileAppending`). The same simulation code, so the same events in the same batches.
   * Needs the build (`dist/`): the worker runs compiled code.
   */
  worker?: boolean;
  /** Told when the appends are done, and every 30 s of the catch-up (a long run shows its progress). */
  progress?: (line: string) => void;
}

export interface RunFigures extends GeneratorSummary {
  appended: number;
  batches: number;
  appendMs: number;
  /** Of that, the time the generation waited for the store (the part it could not hide). */
  appendWaitMs: number;
  /** Generation and appends, from the first day to the last commit. */
  generateAndAppendMs: number;
  projectMs: number;
  totalMs: number;
  /** Peak resident memory of the process after the appends and at the end, in MiB. */
  rssAfterAppendMiB: number;
  rssPeakMiB: number;
  /** CPU seconds of this process (user + system) in each phase: on a shared machine, the fairer figure. */
  cpuAppendS: number;
  cpuProjectS: number;
  /** The same for the embedded PostgreSQL (null with DATABASE_URL, or where /proc cannot be read). */
  serverCpuAppendS: number | null;
  serverCpuProjectS: number | null;
}

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** A simulated run into the runtime's event store, then the projector's catch-up. */
export async function runSimulation(runtime: LedgerRuntime, options: RunOptions): Promise<RunFigures> {
  const { ric } = options;
  if ((await runtime.store.readStream(clientStreamId(ric, 'c00000'))).length > 0)
    throw new Error(
      `РИЦ ${ric} already has simulated clients in this database: use another --ric or an empty DATA_DIR`,
    );
  const writer = new BatchWriter(runtime.store, ric, options.batchEvents ?? 20_000);
  const t0 = performance.now();
  const cpu0 = cpuSeconds();
  const serverCpu = () => serverCpuSeconds(runtime.embeddedDatabase?.pid());
  const server0 = serverCpu();
  const alongside =
    options.project !== false && options.projectWhileAppending === true
      ? projectAlongside(runtime, options.projectEvery ?? 100_000)
      : null;
  const input: GeneratorInput = {
    ric,
    clients: options.clients,
    weeks: options.weeks,
    seed: options.seed,
    start: options.start,
    until: options.until,
    flushEvery: options.flushEvery,
    settings: { firstFullWeek: runtime.config.firstFullWeek, necessity: runtime.config.necessity },
  };
  let result: GeneratorSummary;
  try {
    result =
      options.worker === true
        ? await inWorker(runtime, input, writer)
        : await inThisThread(runtime, input, writer);
    await writer.done();
  } finally {
    alongside?.stop(); // on failure too: nothing keeps polling the store
  }
  await alongside?.finished;
  const appendedAt = performance.now();
  const rssAfterAppendMiB = process.resourceUsage().maxRSS / 1024;
  const cpu1 = cpuSeconds();
  const server1 = serverCpu();
  const progress = options.progress;
  progress?.(
    `appended ${writer.appended} events in ${((appendedAt - t0) / 1000).toFixed(1)} s ` +
      `(generation ${(result.generateMs / 1000).toFixed(1)} s); peak RSS ${Math.round(rssAfterAppendMiB)} MiB`,
  );
  if (options.project !== false) {
    const ticker = progress
      ? setInterval(() => void projected(runtime).then((n) => progress(`projected: ${n}`)), 30_000)
      : null;
    try {
      await runtime.projector.catchUp(3_600_000);
    } finally {
      if (ticker) clearInterval(ticker);
    }
  }
  const end = performance.now();
  const server2 = serverCpu();
  const serverSpan = (from: number | null, to: number | null) =>
    from === null || to === null ? null : to - from;
  return {
    ...result,
    appended: writer.appended,
    batches: writer.batches,
    appendMs: writer.appendMs,
    appendWaitMs: writer.waitMs,
    generateAndAppendMs: appendedAt - t0,
    projectMs: options.project !== false ? end - appendedAt : 0,
    totalMs: end - t0,
    rssAfterAppendMiB,
    rssPeakMiB: process.resourceUsage().maxRSS / 1024,
    cpuAppendS: cpu1 - cpu0,
    cpuProjectS: cpuSeconds() - cpu1,
    serverCpuAppendS: serverSpan(server0, server1),
    serverCpuProjectS: serverSpan(server1, server2),
  };
}

async function inThisThread(
  runtime: LedgerRuntime,
  input: GeneratorInput,
  writer: BatchWriter,
): Promise<GeneratorSummary> {
  const { clients, ...result } = await simulate({
    ...input,
    time: rememberedTime(runtime.businessTime(input.ric)),
    flush: (all) => writer.flush(all),
  });
  return { ...result, clientCount: clients.length };
}

/** The generation in a worker thread (compiled code: under ts-jest, the build's copy in dist/). */
async function inWorker(
  runtime: LedgerRuntime,
  input: GeneratorInput,
  writer: BatchWriter,
): Promise<GeneratorSummary> {
  const compiled = __filename.endsWith('.js');
  const root = resolve(__dirname, compiled ? '../../../..' : '../../..');
  const file = compiled
    ? join(__dirname, 'generator-worker.js')
    : join(root, 'dist/tools/simulate/src/generator-worker.js');
  if (!existsSync(file))
    throw new Error(`${file} is missing: npm run build first (the worker runs compiled code)`);
  const worker = new Worker(file, {
    workerData: { input, config: runtime.config },
    execArgv: ['--require', join(root, 'tools/register-paths.js')],
  });
  try {
    return await appendFrom(worker, writer, worker);
  } finally {
    await worker.terminate();
  }
}

/**
 * The projector's catch-up called again and again while the appends run, each time once at least
 * `lag` events were appended since the last call began (positions are the log's numbering), so that
 * each catch-up takes big batches: every batch rewrites each client it touches, so chasing every
 * flush costs more state writes (ADR 0075). `stop` lets the current call end, `finished` is its end.
 * A failure is kept and thrown by `finished`, so it is not lost nor left unhandled meanwhile.
 */
function projectAlongside(
  runtime: LedgerRuntime,
  lag: number,
): { stop: () => void; finished: Promise<void> } {
  let stopped = false;
  const finished = (async () => {
    let from = 0;
    while (!stopped) {
      const head = Number((await runtime.store.headPosition()) ?? 0);
      if (head - from >= lag) {
        from = head;
        await runtime.projector.catchUp(3_600_000);
      } else await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  finished.catch(() => undefined); // awaited by the caller after the appends
  return { stop: () => void (stopped = true), finished };
}

/** Events each projection has processed (its checkpoint), for the progress lines. */
async function projected(runtime: LedgerRuntime): Promise<string> {
  const rows: Array<{ name: string; events_processed: string }> = await runtime.readModels.query(
    'SELECT name, events_processed FROM rm_projection_checkpoints ORDER BY name',
  );
  return rows.map((r) => `${r.name} ${r.events_processed}`).join(', ');
}

/** The figures as the CLI prints them. */
export function printFigures(figures: RunFigures, options: RunOptions, print: (line: string) => void): void {
  const n = figures.appended;
  const rate = (ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en')} events/s`;
  const line = (label: string, value: string) => print(`${label.padEnd(46)} ${value}`);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  print(
    `РИЦ ${options.ric}: ${figures.clientCount} clients, ${figures.days} days from ${options.start} to ${figures.end}, seed ${options.seed}`,
  );
  line('events appended', `${n.toLocaleString('en')} in ${figures.batches} appendMany batches`);
  line('generate (deciders + workflows, in memory)', `${s(figures.generateMs)}, ${rate(figures.generateMs)}`);
  line('append (appendMany, time in the store)', `${s(figures.appendMs)}, ${rate(figures.appendMs)}`);
  line('  of it the generation waited for the store', s(figures.appendWaitMs));
  line(
    'generate + append (wall, overlapped)',
    `${s(figures.generateAndAppendMs)}, ${rate(figures.generateAndAppendMs)}`,
  );
  const alongside = options.projectWhileAppending === true;
  if (figures.projectMs > 0)
    line(
      alongside ? 'projection catch-up after the last append (wall)' : 'projection catch-up (wall)',
      `${s(figures.projectMs)}, ${rate(figures.projectMs)}`,
    );
  line('total (wall)', `${s(figures.totalMs)}, ${rate(figures.totalMs)}`);
  line(
    alongside
      ? 'node CPU: generate + append + projection / rest'
      : 'node CPU: generate + append / projection',
    `${figures.cpuAppendS.toFixed(1)} s / ${figures.cpuProjectS.toFixed(1)} s (the database's not counted)`,
  );
  const server = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(1)} s`);
  line(
    alongside
      ? 'server CPU: generate + append + projection / rest'
      : 'server CPU: generate + append / projection',
    `${server(figures.serverCpuAppendS)} / ${server(figures.serverCpuProjectS)} (the embedded PostgreSQL)`,
  );
  if (figures.serverCpuAppendS !== null && figures.serverCpuProjectS !== null) {
    const all =
      figures.cpuAppendS + figures.cpuProjectS + figures.serverCpuAppendS + figures.serverCpuProjectS;
    // on this 2-core machine no overlap can make a run shorter than its CPU over two cores
    line('CPU in all (node + server) / over 2 cores', `${all.toFixed(1)} s / ${(all / 2).toFixed(1)} s`);
  }
  line(
    'peak RSS after append / at the end',
    `${Math.round(figures.rssAfterAppendMiB)} MiB / ${Math.round(figures.rssPeakMiB)} MiB`,
  );
  print('events by type:');
  for (const [type, count] of [...figures.counts].sort((a, b) => b[1] - a[1]))
    line(`  ${type}`, count.toLocaleString('en'));
  if (figures.refusals.size > 0) {
    print('commands the domain refused (nothing appended for them):');
    for (const [code, count] of [...figures.refusals].sort((a, b) => b[1] - a[1]))
      line(`  ${code}`, String(count));
  }
}
