import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LedgerRuntime } from '@ledger/platform';
import type { BackgroundData, FromBackground, ToBackground } from './background-messages';

/** How the API process learns whether its projector runs (health: GET /health's `projector`). */
export interface ProjectorPlacement {
  readonly isRunning: boolean;
}

/**
 * `npm start`'s projector and scheduler on a worker thread (ADR 0060, third round): the API's one
 * busy thread then serves requests only. Read-your-writes is unchanged: GETs wait on the
 * checkpoints in the database, which the thread writes as the in-process runner did; the thread is
 * told of each append (at most once per turn of the event loop) so it wakes as the in-process
 * runner would. The thread builds its own runtime on the API's database (after the API has migrated
 * it), so its deadlines' commands go through the same store: a conflict with the API's cached state
 * re-reads, as between any two processes (ADR 0060).
 */
export class BackgroundThread implements ProjectorPlacement {
  private running = false;
  private stopped: Promise<void> | null = null;
  /** Settles once the thread's projector and scheduler run, or it failed to get there. */
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private readonly unsubscribe: () => void;

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts the thread (see `ready`). `onDied`: it ended or failed after it had started, unasked. */
  constructor(runtime: LedgerRuntime, onDied: (reason: string) => void) {
    const data: BackgroundData = { databaseUrl: runtime.databaseUrl };
    const worker = (this.worker = new Worker(join(__dirname, 'background-worker.js'), { workerData: data }));
    // The thread reads the log at most every PROJECTOR_PACE_MS anyway (background-worker.ts): telling
    // it of every append would only wake it for nothing, thousands of times a second under load.
    const nudgeEveryMs = Math.max(1, Number(process.env.PROJECTOR_PACE_MS || 100) / 2);
    let lastNudge = 0;
    let nudge: NodeJS.Timeout | null = null;
    const send = () => {
      nudge = null;
      lastNudge = performance.now();
      worker.postMessage({ type: 'appended' } satisfies ToBackground);
    };
    this.unsubscribe = runtime.store.onAppended(() => {
      if (nudge) return;
      nudge = setTimeout(send, Math.max(0, lastNudge + nudgeEveryMs - performance.now()));
    });
    this.ready = new Promise((resolve, reject) => {
      let started = false;
      worker.on('message', (message: FromBackground) => {
        switch (message.type) {
          case 'started':
            started = this.running = true;
            return resolve();
          case 'stopped':
            this.running = false;
            return;
          case 'failed':
            this.running = false;
            if (!started) return reject(new Error(`the projector thread failed to start: ${message.error}`));
            return onDied(message.error);
          default:
            return assertNever(message);
        }
      });
      worker.on('error', (error) => {
        this.running = false;
        if (started) onDied(error.stack ?? error.message);
        else reject(error);
      });
      worker.on('exit', (code) => {
        const unasked = this.stopped === null;
        this.running = false;
        this.unsubscribe();
        if (!started) reject(new Error(`the projector thread exited (${code}) before it started`));
        else if (unasked) onDied(`the projector thread exited (${code})`);
      });
    });
  }

  /** Stops the projector and the scheduler (their batches finish) and ends the thread. */
  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((done) => {
      this.unsubscribe();
      if (this.worker.threadId === -1) return done();
      this.worker.once('exit', () => done());
      this.worker.postMessage({ type: 'stop' } satisfies ToBackground);
    });
    return this.stopped;
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected message from the projector thread: ${JSON.stringify(value)}`);
}
