import { clientStreamId } from '@ledger/domain';
import type { EventStore, StreamAppend } from '@ledger/eventstore';
import { SimClient } from './sim-client';

/**
 * Every client's pending events as one append per stream, in client order, each at the version the
 * simulation knows its stream has (the clients' stored versions move on, their pending lists empty).
 */
export function takePending(clients: readonly SimClient[], ric: string): StreamAppend[] {
  const appends: StreamAppend[] = [];
  for (const client of clients) {
    if (client.pending.length === 0) continue;
    const events = client.pending;
    client.pending = [];
    appends.push({
      streamId: clientStreamId(ric, client.clientId),
      events,
      expectedVersion: client.storedVersion === 0 ? 'no_stream' : client.storedVersion,
    });
    client.storedVersion += events.length;
  }
  return appends;
}

/**
 * Cut into batches of at least `maxEvents` events, streams kept whole; a rest of less than half a
 * batch joins the batch before it (a flush is then mostly one batch, which the writer can leave to
 * the server while the next days are generated; the positions are the same either way).
 */
export function intoBatches(appends: readonly StreamAppend[], maxEvents: number): StreamAppend[][] {
  let left = appends.reduce((n, a) => n + a.events.length, 0);
  const batches: StreamAppend[][] = [];
  let batch: StreamAppend[] = [];
  let size = 0;
  for (const append of appends) {
    batch.push(append);
    size += append.events.length;
    left -= append.events.length;
    if (size >= maxEvents && left * 2 >= maxEvents) {
      batches.push(batch);
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * Appends the simulated events in big multi-stream batches (`appendMany`: one transaction, one
 * commit per batch), each stream at the version the simulation knows it has. One flush is written
 * while the next is generated; a conflict means the store already held these streams.
 *
 * The generation runs synchronously from one flush to the next, so the event loop does not turn
 * meanwhile: a batch not yet wholly sent would wait in Node's socket buffer, the server idle, until
 * the next flush (ADR 0105). So `write` returns only once the flush's last batch has left the
 * process (its earlier batches, if any, written meanwhile); its answer is awaited at the next flush.
 */
export class BatchWriter {
  private inFlight: Promise<void> = Promise.resolve();
  appended = 0;
  batches = 0;
  /** Time spent waiting for appends (the part of the run the generator could not hide). */
  waitMs = 0;
  appendMs = 0;

  constructor(
    private readonly store: EventStore,
    private readonly ric: string,
    private readonly maxEventsPerBatch: number,
  ) {
    if (!store.appendMany) throw new Error('the simulator needs an event store with appendMany (PostgreSQL)');
  }

  /** Takes every client's pending events into batches and starts writing them. */
  async flush(clients: readonly SimClient[]): Promise<void> {
    await this.write(takePending(clients, this.ric));
  }

  /** Waits for the flush in flight, then writes these appends until the last batch is sent (a generator's flush). */
  async write(appends: readonly StreamAppend[]): Promise<void> {
    const batches = intoBatches(appends, this.maxEventsPerBatch);
    const waited = performance.now();
    await this.inFlight;
    let sent!: () => void;
    const handedOver = new Promise<void>((resolve) => (sent = resolve));
    this.inFlight = this.writeBatches(batches, sent);
    // a failure before the last batch was sent ends the wait too (and is thrown at the next flush)
    await Promise.race([handedOver, this.inFlight.catch(() => undefined)]);
    this.waitMs += performance.now() - waited;
  }

  async done(): Promise<void> {
    const waited = performance.now();
    await this.inFlight;
    this.waitMs += performance.now() - waited;
  }

  private async writeBatches(batches: StreamAppend[][], sent: () => void): Promise<void> {
    if (batches.length === 0) sent();
    for (const [n, batch] of batches.entries()) {
      const started = performance.now();
      const last = n === batches.length - 1;
      const results = await this.store.appendMany!(batch, last ? { onSent: sent } : {});
      this.appendMs += performance.now() - started;
      const conflicts = results.filter((r) => r === 'conflict').length;
      if (conflicts > 0)
        throw new Error(
          `${conflicts} streams of the batch were already in the store: simulate into an empty РИЦ (another --ric or an empty database)`,
        );
      this.appended += batch.reduce((n, a) => n + a.events.length, 0);
      this.batches += 1;
    }
  }
}
