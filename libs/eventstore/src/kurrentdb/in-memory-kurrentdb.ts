import {
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendResult,
  type AppendStreamState,
  type KurrentDBClient,
} from '@kurrent/kurrentdb-client';
import type { AllPosition } from './mapping';

/**
 * A model of the few KurrentDB client calls the adapter makes, for tests on machines without a
 * server. It models what the adapter depends on, as the client's typings and KurrentDB's
 * documentation describe it: expected-revision checks per stream, and a `$all` log ordered by
 * (commit, prepare) where the events of one append share their commit position and differ by
 * prepare position. It is a model, not a server: passing against it does not prove the adapter
 * right against a real KurrentDB (run the contract with KURRENTDB_URL for that).
 */
interface StoredEvent {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  created: Date;
  position: AllPosition;
  isJson: true;
}

interface EventInput {
  id: string;
  type: string;
  data: unknown;
  metadata?: unknown;
}

const compare = (a: AllPosition, b: AllPosition): number =>
  a.commit === b.commit ? Number(a.prepare - b.prepare) : a.commit < b.commit ? -1 : 1;

/** Lets other calls run between a call's start and its effect, as the network does. */
const yieldTurn = () => new Promise((resolve) => setImmediate(resolve));

export class InMemoryKurrentDb {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private nextPosition = 1000n;
  /** The server's clock (events' `created`); tests move it. */
  now = () => new Date();

  /** The object to hand to `new KurrentDbEventStore(...)`. */
  asClient(): KurrentDBClient {
    return this as unknown as KurrentDBClient;
  }

  async appendToStream(
    streamName: string,
    events: EventInput | EventInput[],
    options: { streamState?: AppendStreamState } = {},
  ): Promise<AppendResult> {
    await yieldTurn();
    const batch = Array.isArray(events) ? events : [events];
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length === 0 ? ('no_stream' as const) : BigInt(stream.length - 1);
    const expected = options.streamState ?? 'any';
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === 'no_stream') ||
      (expected === 'stream_exists' && current !== 'no_stream') ||
      (typeof expected === 'bigint' && current === expected);
    if (!ok) throw new WrongExpectedVersionError(undefined, { streamName, expected, current });
    // Prepares first, then one commit record after them: every event carries that commit position.
    const first = this.nextPosition;
    const commit = first + BigInt(batch.length) * 100n;
    batch.forEach((event, i) => {
      const stored: StoredEvent = {
        streamId: streamName,
        id: event.id,
        revision: BigInt(stream.length),
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        created: this.now(),
        position: { commit, prepare: first + BigInt(i) * 100n },
        isJson: true,
      };
      stream.push(stored);
      this.log.push(stored);
    });
    this.streams.set(streamName, stream);
    this.nextPosition = commit + 100n;
    const last = stream[stream.length - 1]!;
    return { success: true, nextExpectedRevision: last.revision, position: { commit, prepare: first } };
  }

  async *readStream(
    streamName: string,
    options: { direction?: string; fromRevision?: 'start' | 'end' | bigint; maxCount?: number | bigint } = {},
  ): AsyncGenerator<{ event: StoredEvent; commitPosition: bigint }> {
    await yieldTurn();
    const stream = this.streams.get(streamName);
    if (!stream) throw new StreamNotFoundError(undefined, streamName);
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 'end' : 'start');
    let events = backwards ? [...stream].reverse() : [...stream];
    if (typeof from === 'bigint')
      events = events.filter((e) => (backwards ? e.revision <= from : e.revision >= from));
    for (const event of events.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)))
      yield { event, commitPosition: event.position.commit };
  }

  async *readAll(
    options: {
      direction?: string;
      fromPosition?: 'start' | 'end' | AllPosition;
      maxCount?: number | bigint;
    } = {},
  ): AsyncGenerator<{ event: StoredEvent; commitPosition: bigint }> {
    await yieldTurn();
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition ?? (backwards ? 'end' : 'start');
    let events = backwards ? [...this.log].reverse() : [...this.log];
    if (typeof from === 'object')
      events = events.filter((e) =>
        backwards ? compare(e.position, from) < 0 : compare(e.position, from) >= 0,
      );
    for (const event of events.slice(0, Number(options.maxCount ?? Number.MAX_SAFE_INTEGER)))
      yield { event, commitPosition: event.position.commit };
  }

  async dispose(): Promise<void> {}
}
