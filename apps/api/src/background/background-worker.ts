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
 * follows a short batch waits until `paceMs` after the one before; a full batch (behind) reads on at
 * once. Read-your-writes waits at most that much longer; an idle runner woken by an append reads at once.
 */
function paceReads(store: EventStore, paceMs: number): void {
  const readAll = store.readAll.bind(store);
  let lastAt = 0;
  let lastFull = true;
  store.readAll = async (cursor, limit) => {
    const wait = lastAt + paceMs - performance.now();
    if (!lastFull && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lastAt = performance.now();
    const batch = await readAll(cursor, limit);
    lastFull = batch.events.length >= limit;
    return batch;
  };
}

/**
 * In one thread the projector ran only when no request was waiting; on its own thread the OS would
 * share the cores equally between it and the API. A lower priority for this thread alone (Linux:
 * a thread's nice value is its own) keeps it behind the requests when the cores are busy, and lets
 * it use an idle core fully. PROJECTOR_NICE (0–19, default 10); where that is refused, it stays as is.
 */
function yieldToRequests(nice: number): void {
  try {
    setPriority(nice);
  } catch (error) {
    log(`could not lower the projector thread's priority: ${String(error)}`);
  }
}

async function main(): Promise<void> {
  yieldToRequests(Number(process.env.PROJECTOR_NICE || 10));
  const { databaseUrl } = workerData as BackgroundData;
  const runtime = await createLedgerRuntime(
    { ...readConfig(), databaseUrl },
    {
      log,
      onProjectionError: (name, error) => console.error(`[projector] projection ${name} failed:`, error),
    },
  );
  const appended = wakeOnMessages(runtime.store);
  paceReads(runtime.store, Number(process.env.PROJECTOR_PACE_MS || 50));
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
