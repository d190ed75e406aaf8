import type { MessagePort, Worker } from 'node:worker_threads';
import type { RuleSettings } from '@ledger/domain';
import type { BusinessTime } from '@ledger/domain';
import type { StreamAppend } from '@ledger/eventstore';
import { simulate } from './simulation';
import { BatchWriter, takePending } from './writer';

/** What the generating thread is told: the run's parameters (its business time it makes itself). */
export interface GeneratorInput {
  ric: string;
  clients: number;
  weeks: number;
  seed: number;
  start: string;
  until?: string;
  flushEvery?: number;
  settings: Partial<RuleSettings>;
}

/** The run's outcome as the generating thread reports it (the clients stay in that thread). */
export interface GeneratorSummary {
  clientCount: number;
  days: number;
  end: string;
  refusals: Map<string, number>;
  counts: Map<string, number>;
  generateMs: number;
}

type ToWriter =
  | { kind: 'events'; appends: StreamAppend[] }
  | {
      kind: 'done';
      summary: Omit<GeneratorSummary, 'refusals' | 'counts'> & {
        refusals: Array<[string, number]>;
        counts: Array<[string, number]>;
      };
    }
  | { kind: 'failed'; message: string };
type ToGenerator = { kind: 'written' };

/** Either end of the channel: a worker's parentPort, a Worker, or a MessageChannel's port. */
type Port = MessagePort | Worker;

/**
 * The generating side: the whole simulation, unchanged, each flush posted to the writing side as
 * appends per stream (in client order, at the versions the simulation knows). It runs at most one
 * flush ahead of the writer, as the single-threaded run does: after posting flush n it waits until
 * flush n − 1 is written.
 */
export async function generateInto(port: Port, input: GeneratorInput, time: BusinessTime): Promise<void> {
  let posted = 0;
  let written = 0;
  let wake: (() => void) | null = null;
  port.on('message', (message: ToGenerator) => {
    if (message.kind !== 'written') return;
    written += 1;
    wake?.();
  });
  try {
    const result = await simulate({
      ...input,
      time,
      flush: async (clients) => {
        const message: ToWriter = { kind: 'events', appends: takePending(clients, input.ric) };
        port.postMessage(message);
        posted += 1;
        while (written < posted - 1) await new Promise<void>((resolve) => (wake = resolve));
      },
    });
    const done: ToWriter = {
      kind: 'done',
      summary: {
        clientCount: result.clients.length,
        days: result.days,
        end: result.end,
        refusals: [...result.refusals],
        counts: [...result.counts],
        generateMs: result.generateMs,
      },
    };
    port.postMessage(done);
  } catch (error) {
    const failed: ToWriter = {
      kind: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
    port.postMessage(failed);
  }
}

/**
 * The writing side: appends each flush the generator posts, in the order posted, through `writer`
 * (the configured store), and tells the generator when each is written. Resolves with the
 * generator's summary once everything is written; rejects on the first failure of either side.
 */
export function appendFrom(port: Port, writer: BatchWriter, worker?: Worker): Promise<GeneratorSummary> {
  return new Promise<GeneratorSummary>((resolve, reject) => {
    let queue = Promise.resolve();
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      void worker?.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    worker?.on('error', fail);
    port.on('message', (message: ToWriter) => {
      if (failed) return;
      if (message.kind === 'failed')
        return fail(new Error(`the generating thread failed: ${message.message}`));
      queue = queue.then(async () => {
        if (message.kind === 'events') {
          await writer.write(message.appends);
          await writer.done();
          const written: ToGenerator = { kind: 'written' };
          port.postMessage(written);
          return;
        }
        const { refusals, counts, ...rest } = message.summary;
        resolve({ ...rest, refusals: new Map(refusals), counts: new Map(counts) });
      });
      queue.catch(fail);
    });
  });
}
