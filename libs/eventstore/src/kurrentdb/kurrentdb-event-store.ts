import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError as KurrentWrongExpectedVersion,
  excludeSystemEvents,
  jsonEvent,
} from '@kurrent/kurrentdb-client';
import {
  AppendOptions,
  AppendResult,
  EventStore,
  IdempotencyKeyTakenError,
  LogBatch,
  LogCursor,
  NewEvent,
  ReadStreamOptions,
  RecordedEvent,
  StoredIdempotentAnswer,
  WrongExpectedVersionError,
} from '../event-store';
import { upcast } from '../upcasting';
import {
  AllPosition,
  decodeCursor,
  encodeCursor,
  idempotencyStream,
  isLedgerStream,
  revisionToVersion,
  toStreamState,
  toVersion,
} from './mapping';

interface KurrentRecorded {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  position?: AllPosition;
}

/**
 * The scale-out event store: KurrentDB (EventStoreDB's successor) over gRPC. `$all` gives the
 * global order (commit positions never gain an event behind a reader); event ids are the ledger's,
 * which KurrentDB uses to drop an identical append repeated at the same expected revision.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly listeners = new Set<() => void>();
  private readonly client: KurrentDBClient;
  private readonly ownsClient: boolean;

  /** `logStart`: where a reader with no cursor begins (the start of `$all` unless given). */
  constructor(
    connection: string | KurrentDBClient,
    private readonly logStart: LogCursor | null = null,
  ) {
    this.ownsClient = typeof connection === 'string';
    this.client = typeof connection === 'string' ? KurrentDBClient.connectionString(connection) : connection;
  }

  /** A store whose readers begin after everything already in `$all` (tests share one server's log). */
  static async fromEndOfLog(url: string): Promise<KurrentDbEventStore> {
    const probe = new KurrentDbEventStore(url);
    const head = await probe.headCursor();
    await probe.close();
    return new KurrentDbEventStore(url, head);
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const { idempotency } = options;
    // No transaction spans two streams here: check the key first, record it after the events.
    if (idempotency && (await this.findIdempotentAnswer(idempotency.scope, idempotency.key))) {
      throw new IdempotencyKeyTakenError(idempotency.scope, idempotency.key);
    }
    let result;
    try {
      result = await this.client.appendToStream(
        streamId,
        events.map((e) =>
          jsonEvent({
            id: e.metadata.eventId,
            type: e.type,
            data: e.data as never,
            metadata: e.metadata as never,
          }),
        ),
        { streamState: toStreamState(options.expectedVersion) as never },
      );
    } catch (error) {
      if (error instanceof KurrentWrongExpectedVersion) {
        throw new WrongExpectedVersionError(
          streamId,
          options.expectedVersion,
          toVersion(error.actualState as never),
        );
      }
      throw error;
    }
    const answer: AppendResult = {
      streamVersion: revisionToVersion(result.nextExpectedRevision),
      position: String(result.position?.commit ?? 0n),
    };
    if (idempotency) {
      try {
        await this.client.appendToStream(
          idempotencyStream(idempotency.scope, idempotency.key),
          jsonEvent({
            type: 'IdempotencyRecorded',
            data: { requestHash: idempotency.requestHash, response: { ...idempotency.response, ...answer } },
          }),
          { streamState: NO_STREAM },
        );
      } catch (error) {
        if (!(error instanceof KurrentWrongExpectedVersion)) throw error;
        throw new IdempotencyKeyTakenError(idempotency.scope, idempotency.key);
      }
    }
    for (const listener of this.listeners) listener();
    return answer;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: FORWARDS,
        fromRevision: START,
      })) {
        const event = resolved.event as KurrentRecorded | undefined;
        if (!event) continue;
        const recorded = this.toRecorded(event, resolved.commitPosition);
        if (options.toVersion !== undefined && recorded.streamVersion > options.toVersion) break;
        if (options.until && new Date(recorded.metadata.recordedAt) > options.until) break;
        out.push(recorded);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async readAll(cursor: LogCursor | null, limit: number): Promise<LogBatch> {
    const after = decodeCursor(cursor ?? this.logStart);
    const events: RecordedEvent[] = [];
    let last = after;
    // $all is read from the cursor's own event, which was already seen: skip it.
    for await (const resolved of this.client.readAll({
      direction: FORWARDS,
      fromPosition: after ?? START,
      maxCount: limit + 1,
      filter: excludeSystemEvents(),
    })) {
      const event = resolved.event as KurrentRecorded | undefined;
      if (!event?.position) continue;
      if (after && event.position.commit === after.commit && event.position.prepare === after.prepare)
        continue;
      last = event.position;
      if (!isLedgerStream(event.streamId)) continue;
      events.push(this.toRecorded(event, event.position.commit));
      if (events.length === limit) break;
    }
    return {
      events,
      cursor: last
        ? encodeCursor(last)
        : (cursor ?? this.logStart ?? encodeCursor({ commit: 0n, prepare: 0n })),
    };
  }

  async hasReached(cursor: LogCursor | null, position: string): Promise<boolean> {
    const at = decodeCursor(cursor);
    return at !== null && at.commit >= BigInt(position);
  }

  async headCursor(): Promise<LogCursor | null> {
    for await (const resolved of this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 50,
      filter: excludeSystemEvents(),
    })) {
      const event = resolved.event as KurrentRecorded | undefined;
      if (event?.position && isLedgerStream(event.streamId)) return encodeCursor(event.position);
    }
    return null;
  }

  async headPosition(): Promise<string | null> {
    const cursor = await this.headCursor();
    return cursor ? String(decodeCursor(cursor)!.commit) : null;
  }

  async findIdempotentAnswer(scope: string, key: string): Promise<StoredIdempotentAnswer | null> {
    try {
      for await (const resolved of this.client.readStream(idempotencyStream(scope, key), {
        fromRevision: START,
        maxCount: 1,
      })) {
        const data = resolved.event?.data as unknown as StoredIdempotentAnswer | undefined;
        if (data) return { requestHash: data.requestHash, response: data.response };
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
    return null;
  }

  onAppended(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    if (this.ownsClient) await this.client.dispose();
  }

  /** Every read path returns events in the current shape of their type (upcasting/). */
  private toRecorded(event: KurrentRecorded, commit: bigint | undefined): RecordedEvent {
    return upcast({
      streamId: event.streamId,
      streamVersion: revisionToVersion(event.revision),
      position: String(event.position?.commit ?? commit ?? 0n),
      type: event.type,
      data: event.data,
      metadata: event.metadata as RecordedEvent['metadata'],
    });
  }
}
