import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { embeddedPassword, embeddedUrl } from '@ledger/platform';
import type { MemoryReport } from './memory-probe';

const DIST = join(__dirname, '..', '..', '..', '..');
const REGISTER_PATHS = join(DIST, '..', 'tools', 'register-paths.js');
/** BENCH_HTTP_SERVICE_ROOT: another checkout's build of the service (to compare with a commit before). */
const SERVICE_ROOT = process.env.BENCH_HTTP_SERVICE_ROOT;

/** A child process that says on stdout when it is ready; its output is read and dropped after that. */
export interface Child {
  process: ChildProcess;
  stop(): Promise<void>;
  /** Resident memory now, in MiB (from /proc). */
  rssMiB(): number;
  /** CPU time the process has used so far (user + system), in ms. */
  cpuMs(): number;
  /** What the process holds after a full GC (only a child started with the memory probe). */
  memory(): Promise<MemoryReport>;
}

const TICKS_PER_SECOND = 100;

const tryParse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

function startChild(args: string[], env: NodeJS.ProcessEnv, ready: RegExp, label: string): Promise<Child> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  let stopping = false;
  child.stderr!.on('data', (c: Buffer) => (errors = (errors + c.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (c: Buffer) => {
      // tested before it is cut to its tail: a chunk may carry the ready line and kilobytes after it
      const text = seen + c.toString();
      seen = text.slice(-4000);
      if (!ready.test(text)) return;
      // a child that dies while the bench runs says why
      child.once('exit', (code, signal) => {
        if (!stopping) console.error(`${label} exited (${code ?? signal}):\n${errors}`);
      });
      // keep reading (a full pipe would stop the child), but no longer keep what it says
      child.stdout!.off('data', onData);
      child.stdout!.on('data', () => undefined);
      resolve({
        process: child,
        rssMiB: () => {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
        },
        cpuMs: () => {
          // the fields after the command's name: utime and stime are the 12th and 13th
          const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
        },
        memory: async () => {
          const file = env.BENCH_MEMORY_REPORT;
          if (!file) throw new Error(`${label} has no memory probe`);
          const last = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as MemoryReport).seq : 0;
          writeFileSync(`${file}.request`, '');
          const started = Date.now();
          for (;;) {
            await new Promise((r) => setTimeout(r, 50));
            // the probe writes the whole report in one write; a half-written file fails to parse
            const report = existsSync(file)
              ? (tryParse(readFileSync(file, 'utf8')) as MemoryReport | null)
              : null;
            if (report && report.seq > last) return report;
            if (Date.now() - started > 60_000) throw new Error(`${label}: no memory report`);
          }
        },
        stop: () =>
          new Promise((done) => {
            stopping = true;
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${label} exited (${code}) before it was ready:\n${errors}`)),
    );
  });
}

/**
 * The service as `npm start` serves it (dist/apps/api/src/main.js: createApp, projector and
 * scheduler in one process) on its own embedded PostgreSQL, with its default settings (LOG_LEVEL
 * info: one log line per request). BENCH_HTTP_CPU_PROF=<dir> profiles it (`node --cpu-prof`).
 */
export function startService(
  dataDir: string,
  pgPort: number,
  httpPort: number,
  secret: string,
  root: string | undefined = SERVICE_ROOT,
  label = 'the service',
  extraEnv: NodeJS.ProcessEnv = {},
) {
  const profile = process.env.BENCH_HTTP_CPU_PROF;
  return startChild(
    [
      ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
      // node/V8 flags to try on the service alone, e.g. the young generation's size
      ...(process.env.BENCH_HTTP_NODE_FLAGS ?? '').split(' ').filter(Boolean),
      '--expose-gc',
      '-r',
      join(__dirname, 'memory-probe.js'),
      '-r',
      root ? join(root, 'tools', 'register-paths.js') : REGISTER_PATHS,
      join(root ? join(root, 'dist') : DIST, 'apps', 'api', 'src', 'main.js'),
    ],
    {
      ...process.env,
      PORT: String(httpPort),
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      AUTH_SECRET: secret,
      DATABASE_URL: '',
      NODE_ENV: 'production',
      BENCH_MEMORY_REPORT: `${dataDir}-memory.json`,
      ...extraEnv,
    },
    /listening on http/,
    label,
  );
}

/** The bare node:http + pg loop on its own embedded PostgreSQL (bare-server.ts). */
export function startBare(dataDir: string, pgPort: number, httpPort: number) {
  return startChild(
    ['-r', REGISTER_PATHS, join(__dirname, 'bare-server.js'), dataDir, String(pgPort), String(httpPort)],
    { ...process.env },
    /ready/,
    'the bare loop',
  );
}

/** How far the slowest projection is behind the head of the service's log. */
export class ProjectorLag {
  private readonly pool: Pool;

  constructor(dataDir: string, pgPort: number) {
    this.pool = new Pool({ connectionString: embeddedUrl(embeddedPassword(dataDir), pgPort), max: 1 });
  }

  /** Events in the log after the position of the projection furthest behind. */
  async behind(): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM es_events
       WHERE position > (SELECT coalesce(min(position), 0) FROM rm_projection_checkpoints WHERE status <> 'parked')`,
    );
    return Number(rows[0]!.n);
  }

  /** Samples the lag while `run` runs; then how long the projector takes to catch up. */
  async during<T>(
    run: () => Promise<T>,
  ): Promise<{ result: T; maxBehind: number; endBehind: number; catchUpMs: number }> {
    let maxBehind = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        maxBehind = Math.max(maxBehind, await this.behind());
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    const result = await run();
    sampling = false;
    await sampler;
    const endBehind = await this.behind();
    maxBehind = Math.max(maxBehind, endBehind);
    const started = performance.now();
    while ((await this.behind()) > 0 && performance.now() - started < 120_000)
      await new Promise((r) => setTimeout(r, 100));
    return { result, maxBehind, endBehind, catchUpMs: Math.round(performance.now() - started) };
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
