import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError as KurrentWrongExpectedVersion,
  excludeSystemEvents,
  jsonEvent,
} from '@kurrent/kurrentdb-client';
import {
  DEFAULT_IDEMPOTENCY_TTL_MS,
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedVersion,
  IdempotencyKeyTakenError,
  IdempotencyRecord,
  LogBatch,
  LogCursor,
  NewEvent,
  ReadStreamOptions,
  RecordedEvent,
  StoredIdempotentAnswer,
  WrongExpectedVersionError,
} from '../event-store';
import { upcast } from '../upcasting';
import { RECORDED, RELEASED, RESERVED, Reservation, keyState } from './idempotency-markers';
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
import { KurrentRecorded, lastMarker, locate } from './marker-reads';

export interface KurrentDbEventStoreOptions {
  /** How long an idempotency key is kept (default 48 hours). */
  idempotencyTtlMs?: number;
  /** After this a reservation whose events never appeared is taken over (default 60 s). */
  reservationLeaseMs?: number;
  /** This process's clock, compared with the server's `created` of markers (tests move it). */
  now?: () => Date;
}

/** Longer than any append may take (its deadline), so a slow writer is never taken over. */
const DEFAULT_LEASE_MS = 60_000;
const APPEND_DEADLINE_MS = 10_000;

const samePosition = (a: AllPosition, b: AllPosition) => a.commit === b.commit && a.prepare === b.prepare;

/**
 * The scale-out event store: KurrentDB (EventStoreDB's successor) over gRPC. `$all` gives the
 * global order (commit positions never gain an event behind a reader); event ids are the ledger's,
 * which KurrentDB uses to drop an identical append repeated at the same expected revision.
 * Positions are the commit positions of `$all`, shared by the events of one append; cursors carry
 * commit and prepare position, so a reader knows where it stands inside an append.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly listeners = new Set<() => void>();
  private readonly client: KurrentDBClient;
  private readonly ownsClient: boolean;
  private readonly ttlMs: number;
  private readonly leaseMs: number;
  private readonly now: () => Date;

  /** `logStart`: where a reader with no cursor begins (the start of `$all` unless given). */
  constructor(
    connection: string | KurrentDBClient,
    private readonly logStart: LogCursor | null = null,
    options: KurrentDbEventStoreOptions = {},
  ) {
    this.ownsClient = typeof connection === 'string';
    this.client = typeof connection === 'string' ? KurrentDBClient.connectionString(connection) : connection;
    this.ttlMs = options.idempotencyTtlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
    this.leaseMs = options.reservationLeaseMs ?? DEFAULT_LEASE_MS;
    this.now = options.now ?? (() => new Date());
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
    const result = options.idempotency
      ? await this.appendKeyed(streamId, events, options.expectedVersion, options.idempotency)
      : await this.appendEvents(streamId, events, options.expectedVersion);
    for (const listener of this.listeners) listener();
    return result;
  }

  /** Claims the key, writes the events, records the answer (ADR 0028). */
  private async appendKeyed(
    streamId: string,
    events: NewEvent[],
    expectedVersion: ExpectedVersion,
    idempotency: IdempotencyRecord,
  ): Promise<AppendResult> {
    const marker = idempotencyStream(idempotency.scope, idempotency.key);
    const taken = () => new IdempotencyKeyTakenError(idempotency.scope, idempotency.key);
    const last = await lastMarker(this.client, marker);
    const landed = last?.type === RESERVED ? (await locate(this.client, last.data)) !== null : false;
    const state = keyState(last, landed, { now: this.now(), ttlMs: this.ttlMs, leaseMs: this.leaseMs });
    if (!state.free) throw taken();
    const reservation: Reservation = {
      requestHash: idempotency.requestHash,
      response: idempotency.response,
      streamId,
      expectedVersion,
      eventIds: events.map((e) => e.metadata.eventId),
    };
    let reservedAt: bigint;
    try {
      const reserved = await this.client.appendToStream(
        marker,
        jsonEvent({ type: RESERVED, data: reservation as never }),
        { streamState: state.streamState },
      );
      reservedAt = reserved.nextExpectedRevision;
    } catch (error) {
      // Another writer claimed the key between our look and our claim.
      if (error instanceof KurrentWrongExpectedVersion) throw taken();
      throw error;
    }
    let answer: AppendResult;
    try {
      answer = await this.appendEvents(streamId, events, expectedVersion);
    } catch (error) {
      // Refused for certain: free the key for the retry. Any other failure leaves the outcome
      // unknown; the reservation then answers by whether its events are there, or lapses.
      if (error instanceof WrongExpectedVersionError) {
        await this.client
          .appendToStream(marker, jsonEvent({ type: RELEASED, data: {} }), { streamState: reservedAt })
          .catch(() => undefined);
      }
      throw error;
    }
    // Only a shortcut for later lookups: the reservation and the events already give the answer.
    await this.client
      .appendToStream(
        marker,
        jsonEvent({
          type: RECORDED,
          data: { requestHash: idempotency.requestHash, response: { ...idempotency.response, ...answer } },
        }),
        { streamState: reservedAt },
      )
      .catch(() => undefined);
    return answer;
  }

  private async appendEvents(
    streamId: string,
    events: NewEvent[],
    expectedVersion: ExpectedVersion,
  ): Promise<AppendResult> {
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) =>
          jsonEvent({
            id: e.metadata.eventId,
            type: e.type,
            data: e.data as never,
            metadata: e.metadata as never,
          }),
        ),
        { streamState: toStreamState(expectedVersion) as never, deadline: APPEND_DEADLINE_MS },
      );
      return {
        streamVersion: revisionToVersion(result.nextExpectedRevision),
        position: String(result.position?.commit ?? 0n),
      };
    } catch (error) {
      if (error instanceof KurrentWrongExpectedVersion) {
        throw new WrongExpectedVersionError(streamId, expectedVersion, toVersion(error.actualState as never));
      }
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: FORWARDS,
        // stream versions count from 1, revisions from 0
        fromRevision:
          options.fromVersion && options.fromVersion > 1 ? BigInt(options.fromVersion - 1) : START,
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

  /**
   * Ledger events after the cursor. Records that are not the ledger's (idempotency markers) are
   * read past, page after page, until ledger events or the end of `$all`; the cursor answered is the
   * last ledger event returned, or the one given when there is none (the port's promise: a reader
   * that saves no checkpoint after an empty batch loses nothing).
   */
  async readAll(cursor: LogCursor | null, limit: number): Promise<LogBatch> {
    const start = decodeCursor(cursor ?? this.logStart);
    const page = Math.max(limit + 1, 64);
    const events: RecordedEvent[] = [];
    let lastLedger: AllPosition | null = null;
    for (let from = start; ;) {
      let raw = 0;
      let lastRaw = from;
      for await (const resolved of this.client.readAll({
        direction: FORWARDS,
        fromPosition: from ?? START,
        maxCount: page,
        filter: excludeSystemEvents(),
      })) {
        raw++;
        const event = resolved.event as KurrentRecorded | undefined;
        // $all is read from the page's first position, whose event was already seen: skip it.
        if (!event?.position || (from && samePosition(event.position, from))) continue;
        lastRaw = event.position;
        if (!isLedgerStream(event.streamId)) continue;
        events.push(this.toRecorded(event, event.position.commit));
        lastLedger = event.position;
        if (events.length === limit) break;
      }
      if (events.length > 0 || raw < page || lastRaw === from) break;
      from = lastRaw;
    }
    return {
      events,
      cursor: lastLedger
        ? encodeCursor(lastLedger)
        : (cursor ?? this.logStart ?? encodeCursor({ commit: 0n, prepare: 0n })),
    };
  }

  /**
   * The events of one append share a commit position: a reader standing on one of them has
   * reached that position only when no event of the same commit follows it.
   */
  async hasReached(cursor: LogCursor | null, position: string): Promise<boolean> {
    const at = decodeCursor(cursor);
    if (at === null) return false;
    const target = BigInt(position);
    if (at.commit !== target) return at.commit > target;
    for await (const resolved of this.client.readAll({
      direction: FORWARDS,
      fromPosition: at,
      maxCount: 2,
      filter: excludeSystemEvents(),
    })) {
      const next = resolved.event?.position;
      if (!next || samePosition(next, at)) continue;
      return next.commit !== target;
    }
    return true;
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
    const last = await lastMarker(this.client, idempotencyStream(scope, key));
    if (!last || this.now().getTime() - last.created.getTime() >= this.ttlMs) return null;
    switch (last.type) {
      case RELEASED:
        return null;
      case RECORDED:
        return { requestHash: last.data.requestHash, response: last.data.response };
      case RESERVED: {
        // The writer may have died between its events and its answer: the events answer for it.
        const written = await locate(this.client, last.data);
        return written
          ? { requestHash: last.data.requestHash, response: { ...last.data.response, ...written } }
          : null;
      }
      default: {
        const unknown: never = last;
        throw new Error(`unknown idempotency marker ${JSON.stringify(unknown)}`);
      }
    }
  }

  /**
   * Expired markers are ignored on lookup and taken over on reuse; they stay in KurrentDB (one small
   * stream per key) until an operator truncates or scavenges them.
   */
  async purgeExpiredIdempotencyKeys(): Promise<number> {
    return 0;
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
