/**
 * The event store port. Adapters: PostgreSQL (default) and KurrentDB.
 *
 * Stream versions are 1-based: the first event of a stream has version 1, an empty stream is at 0.
 * Global positions are decimal strings (they outgrow 2^53 in theory and are opaque to clients).
 */

export interface EventActor {
  id: string;
  role: string;
}

export interface EventMetadata {
  eventId: string;
  ric: string;
  actor: EventActor;
  /** Business time: when it happened (a call logged after the fact is earlier than recordedAt). */
  occurredAt: string;
  /** When the command that caused it was accepted, by the service clock. */
  recordedAt: string;
  correlationId: string;
  causationId: string;
  schemaVersion: number;
  /** For automatic events: the rule that fired and the ids of the events that made it fire. */
  rule?: string;
  evidence?: string[];
  [extra: string]: unknown;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  metadata: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  streamId: string;
  streamVersion: number;
  /** Global log position (decimal string). */
  position: string;
}

/** `no_stream`: the stream must be empty; `any`: no check; a number: the stream must be exactly there. */
export type ExpectedVersion = 'no_stream' | 'any' | number;

export interface IdempotencyRecord {
  /** Whose keys these are (the command path uses `<РИЦ>/<employee id>`). */
  scope: string;
  key: string;
  requestHash: string;
  /** The answer to give again, less `position`, which the store fills in. */
  response: Record<string, unknown>;
}

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
  /** Recorded atomically with the events: a repeat of the command finds it and appends nothing. */
  idempotency?: IdempotencyRecord;
}

export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  expectedVersion: ExpectedVersion;
}

/** appendMany met a writer of another process inside its transaction: nothing was committed. */
export class BatchRaceError extends Error {
  constructor() {
    super('another writer appended to a stream of the batch meanwhile; nothing was committed');
    this.name = 'BatchRaceError';
  }
}

export interface AppendResult {
  streamVersion: number;
  position: string;
}

export interface ReadStreamOptions {
  /** Inclusive lower bound on streamVersion (a reader that holds the state up to version n asks n + 1). */
  fromVersion?: number;
  /** Inclusive upper bound on streamVersion. */
  toVersion?: number;
  /** Inclusive upper bound on metadata.recordedAt. */
  until?: Date;
}

/**
 * Where a reader of the global log stands. Opaque to callers: each adapter encodes what it needs
 * to be gap-free (PostgreSQL: transaction id and position).
 */
export type LogCursor = string;

export interface LogBatch {
  events: RecordedEvent[];
  /** Pass back to continue after the last event of this batch (unchanged when it is empty). */
  cursor: LogCursor;
}

/** How a caller of appendMany follows its batch (ADR 0105). */
export interface AppendManyOptions {
  /**
   * Called once the whole batch has left this process for the database, before its answer. A
   * caller about to run long synchronous work (the simulator's generation) waits for this first:
   * until then the rest of a large batch sits in Node's socket buffer, which only the event loop
   * drains, and the database cannot start on it.
   */
  onSent?: () => void;
}

export interface StoredIdempotentAnswer {
  requestHash: string;
  response: Record<string, unknown>;
}

export interface EventStore {
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events after `cursor` (null: from the start), in a total order that never gains an event behind a reader. */
  readAll(cursor: LogCursor | null, limit: number): Promise<LogBatch>;
  /** True once a reader standing at `cursor` has seen the event at global `position`. */
  hasReached(cursor: LogCursor | null, position: string): Promise<boolean>;
  /** The cursor just after the newest event readers can see now. */
  headCursor(): Promise<LogCursor | null>;
  /**
   * The position of the last event in log order among all committed now (visible to readers or
   * not yet): a reader that has reached it has seen everything committed before the call.
   */
  headPosition(): Promise<string | null>;
  /**
   * The answer recorded under a key, while it is younger than the store's idempotency TTL; an
   * older key counts as absent and may be used again.
   */
  findIdempotentAnswer(scope: string, key: string): Promise<StoredIdempotentAnswer | null>;
  /** Removes keys older than the TTL where the store can (answers how many); lookups ignore them anyway. */
  purgeExpiredIdempotencyKeys(): Promise<number>;
  /** Several streams in one read (a batch of commands); absent streams are left out. Optional. */
  readStreams?(streamIds: string[]): Promise<Map<string, RecordedEvent[]>>;
  /**
   * Appends to several streams in one transaction (one commit for a whole batch of commands, no
   * idempotency keys). A stream found at another version answers 'conflict' and the others commit;
   * a writer racing inside the transaction throws BatchRaceError and nothing commits. Optional.
   */
  appendMany?(
    appends: StreamAppend[],
    options?: AppendManyOptions,
  ): Promise<Array<AppendResult | 'conflict'>>;
  /** Called after every successful append in this process, to wake in-process subscribers early. */
  onAppended(listener: () => void): () => void;
  close(): Promise<void>;
}

/** How long an idempotency key is kept unless the store is given another period (README: IDEMPOTENCY_TTL_HOURS). */
export const DEFAULT_IDEMPOTENCY_TTL_MS = 48 * 3_600_000;

export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${streamId} is at version ${actual}, expected ${String(expected)}`);
    this.name = 'WrongExpectedVersionError';
  }
}

export class IdempotencyKeyTakenError extends Error {
  constructor(
    readonly scope: string,
    readonly key: string,
    /** The answer recorded under the key, when the store saw it committed (saves a lookup to replay it). */
    readonly stored?: StoredIdempotentAnswer,
  ) {
    super(`idempotency key ${key} was recorded meanwhile`);
    this.name = 'IdempotencyKeyTakenError';
  }
}
