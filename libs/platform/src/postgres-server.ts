import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OsUser } from './postgres-as-root';

/** What the process that started PostgreSQL knows about it (for /health and the 503s). */
export type ServerState =
  | { state: 'up' }
  | { state: 'restarting'; reason: string; attempt: number }
  | { state: 'failed'; reason: string }
  | { state: 'stopped' };

export interface PostgresServerOptions {
  /** The `native` folder: bin/initdb, bin/postgres, lib, share. */
  binaries: string;
  clusterDir: string;
  port: number;
  /** Run as this user (when the process is root). */
  user: OsUser | null;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string>;
  log: (line: string) => void;
  /** The server died and could not be brought back: the caller should exit. */
  onFatal?: (error: Error) => void;
  /** Delays between restart attempts after a crash; one attempt per entry. */
  restartDelaysMs?: readonly number[];
}

const READY = 'database system is ready to accept connections';
// English server messages whatever the machine's locale: readiness is read from them.
const ENV = { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C' };

/**
 * A PostgreSQL server this process starts and watches. When the postmaster dies (killed, crashed),
 * it is started again: PostgreSQL replays its WAL on start, so every committed transaction survives.
 * If it cannot be started again within the restart delays, `onFatal` is called.
 */
export class PostgresServer {
  private child: ChildProcess | null = null;
  private current: ServerState = { state: 'stopped' };
  private stopping = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private readonly delays: readonly number[];

  constructor(private readonly options: PostgresServerOptions) {
    this.delays = options.restartDelaysMs ?? [250, 500, 1000, 2000, 4000, 8000, 15000];
  }

  get status(): ServerState {
    return this.current;
  }

  /** The postmaster's process id while it runs (tests kill it). */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get initialised(): boolean {
    return existsSync(join(this.options.clusterDir, 'PG_VERSION'));
  }

  /** initdb with `password` for the superuser `postgres` (password authentication everywhere). */
  async initialise(password: string): Promise<void> {
    // initdb reads the password from a file, as the postgres user: next to the cluster folder.
    const pwfile = join(dirname(this.options.clusterDir), `.pg-initdb-${randomBytes(6).toString('hex')}`);
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    try {
      if (this.options.user) chownSync(pwfile, this.options.user.uid, this.options.user.gid);
      await this.run(join(this.options.binaries, 'bin', 'initdb'), [
        `--pgdata=${this.options.clusterDir}`,
        '--auth=scram-sha-256',
        '--username=postgres',
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--locale=C',
      ]);
    } finally {
      rmSync(pwfile, { force: true });
    }
  }

  async start(): Promise<void> {
    this.stopping = false;
    process.on('exit', this.stopWithProcess);
    await this.launch();
  }

  /**
   * Whatever ends this process (process.exit after a failed start, an uncaught error) asks the server
   * to shut down too, rather than leave it running with the data folder locked. Only synchronous
   * work runs on 'exit': the signal is sent, PostgreSQL finishes its fast shutdown on its own.
   */
  private readonly stopWithProcess = () => {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null)
      this.child.kill('SIGINT');
  };

  /** Fast shutdown (SIGINT); no restart afterwards. */
  async stop(): Promise<void> {
    this.stopping = true;
    process.off('exit', this.stopWithProcess);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGINT');
      });
    }
    this.child = null;
    this.current = { state: 'stopped' };
  }

  private launch(): Promise<void> {
    const settings = Object.entries(this.options.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
    const child = spawn(
      join(this.options.binaries, 'bin', 'postgres'),
      [
        '-D',
        this.options.clusterDir,
        '-p',
        String(this.options.port),
        '-c',
        'listen_addresses=127.0.0.1',
        ...settings,
      ],
      { ...this.ids(), env: ENV, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    let output = '';
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      const onData = (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        for (const line of text.split('\n').filter((l) => l.trim())) this.options.log(line.trim());
        if (!ready) output = (output + text).slice(-4000);
        if (!ready && output.includes(READY)) {
          ready = true;
          this.current = { state: 'up' };
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('error', (error) => {
        if (!ready) reject(error);
      });
      child.once('exit', (code, signal) => {
        if (!ready) {
          reject(
            new Error(`postgres exited (${signal ?? `code ${code}`}) before it was ready: ${output.trim()}`),
          );
          return;
        }
        if (this.child === child) this.child = null;
        if (!this.stopping) this.crashed(signal ? `signal ${signal}` : `code ${code}`);
      });
    });
  }

  private crashed(how: string): void {
    const reason = `the embedded PostgreSQL exited (${how})`;
    this.options.log(`${reason}; starting it again`);
    this.retry(reason, 0);
  }

  private retry(reason: string, attempt: number): void {
    if (this.stopping) return;
    if (attempt >= this.delays.length) {
      this.current = { state: 'failed', reason };
      this.options.onFatal?.(new Error(`${reason}, and it did not start again after ${attempt} attempts`));
      return;
    }
    this.current = { state: 'restarting', reason, attempt: attempt + 1 };
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.stopping) return;
      this.launch().then(
        () => this.options.log('the embedded PostgreSQL is up again'),
        (error: unknown) => {
          // Typically: backends of the killed postmaster still hold its shared memory for a moment.
          this.options.log(`restart attempt ${attempt + 1} failed: ${String(error)}`);
          this.retry(reason, attempt + 1);
        },
      );
    }, this.delays[attempt]);
  }

  private ids(): { uid?: number; gid?: number } {
    return this.options.user ? { uid: this.options.user.uid, gid: this.options.user.gid } : {};
  }

  private run(command: string, args: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { ...this.ids(), env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout!.on('data', (d: Buffer) => (output += d.toString('utf8')));
      child.stderr!.on('data', (d: Buffer) => (output += d.toString('utf8')));
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        if (code === 0) resolve();
        else reject(new Error(`${command} failed (${signal ?? `code ${code}`}): ${output.trim()}`));
      });
    });
  }
}
