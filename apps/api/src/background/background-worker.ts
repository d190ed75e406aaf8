import 'reflect-metadata';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { createLedgerRuntime, readConfig } from '@ledger/platform';
import type { EventStore } from '@ledger/eventstore';
import type { ToBackground, FromBackground, BackgroundData } from './background-messages';

/**
 * The projector and the scheduler of `npm start`, on a thread of their own (background-thread.ts):
 * the same runtime as `npm run start:projector` builds, on the database the API process started.
 * Their batches then neither take the API's event loop nor add to its garbage collections.
 */
const port = parentPort!;
const send = (message: FromBackground) => port.postMessage(message);
const log = (line: string) => console.log(`[projector] ${line}`);
/** PROJECTOR_PACE_MS: the least time between two reads of the log while the runner keeps up. */
const PACE_MS = 100;

/**
 * The runner wakes on the appends its store sees; the API's appends happen in the other thread,
 * which says so by message. Wrapping the store's subscription (the runner's only way to learn of
 * appends) keeps the projection runner as it is.
 */
function wakeOnMessages(store: EventStore): () => void {
  const listeners = new Set<() => void>();
  const subscribe = store.onAppended.bind(store);
  store.onAppended = (listener) => {
    listeners.add(listener);
    const unsubscribe = subscribe(listener);
    return () => {
      listeners.delete(listener);
      unsubscribe();
    };
  };
  return () => listeners.forEach((listener) => listener());
}

/**
 * On a thread of its own the runner no longer waits for the API's requests between batches: under
 * load it would read the log again as soon as a batch is done and project a handful of events per
 * transaction, at a far higher cost per event (measured: CPU per command ×1.6). So a read that
 * follows a short batch waits until `paceMs` after the one before; after a full batch (behind) or
 * an empty one (idle: the first append after a quiet spell) it reads at once, as in one thread.
 */
function paceReads(store: EventStore, paceMs: number): void {
  const readAll = store.readAll.bind(store);
  let lastAt = 0;
  /** The last read found some events but not a full batch: the log is being written as we go. */
  let lastShort = false;
  store.readAll = async (cursor, limit) => {
    const wait = lastAt + paceMs - performance.now();
    if (lastShort && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lastAt = performance.now();
    const batch = await readAll(cursor, limit);
    lastShort = batch.events.length > 0 && batch.events.length < limit;
    return batch;
  };
}

/**
 * PROJECTOR_NICE (1–19) lowers this thread's priority alone (Linux threads have their own nice
 * value), so that busy cores serve requests first. Not by default: measured on a machine shared
 * with other work, a thread at nice 10 got almost no CPU while anything else ran and once stayed
 * behind for two minutes after the load (ADR 0060, third round). At the default it competes as
 * an equal, paced into batches of an efficient size.
 */
function lowerPriority(nice: number): void {
  if (nice <= 0) return;
  try {
    setPriority(nice);
  } catch (error) {
    log(`could not lower the projector thread's priority: ${String(error)}`);
  }
}

async function main(): Promise<void> {
  lowerPriority(Number(process.env.PROJECTOR_NICE || 0));
  const { databaseUrl } = workerData as BackgroundData;
  const runtime = await createLedgerRuntime(
    { ...readConfig(), databaseUrl },
    {
      log,
      onProjectionError: (name, error) => console.error(`[projector] projection ${name} failed:`, error),
    },
  );
  const appended = wakeOnMessages(runtime.store);
  paceReads(runtime.store, Number(process.env.PROJECTOR_PACE_MS || PACE_MS));
  let stopping: Promise<void> | null = null;
  port.on('message', (message: ToBackground) => {
    if (message.type === 'appended') return appended();
    stopping ??= runtime
      .close()
      .catch((error: unknown) => log(`stopping: ${String(error)}`))
      .then(() => {
        send({ type: 'stopped' });
        port.close();
      });
  });
  runtime.startBackground();
  send({ type: 'started' });
}

main().catch((error: unknown) => {
  send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  port.close();
});
