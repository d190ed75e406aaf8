import { Pool, PoolClient, DatabaseError } from 'pg';
import {
  DEFAULT_IDEMPOTENCY_TTL_MS,
  AppendManyOptions,
  AppendOptions,
  AppendResult,
  BatchRaceError,
  EventStore,
  IdempotencyKeyTakenError,
  LogBatch,
  LogCursor,
  NewEvent,
  ReadStreamOptions,
  RecordedEvent,
  StoredIdempotentAnswer,
  StreamAppend,
  WrongExpectedVersionError,
} from '../event-store';
import { EVENT_STORE_MIGRATIONS } from './schema';
import {
  APPEND_BATCH_SQL,
  appendBatchValues,
  EVENT_COLUMNS,
  EventRow,
  decodeCursor,
  encodeCursor,
  toRecorded,
} from './statements';
import { AppendRequest, GroupOutcome, runGroup } from './group-append';
import { GroupCommitter } from './group-commit';
import { isUnkeyed, runLoneAppend, runUnkeyedGroup } from './unkeyed-append';
import { copyAppend } from './copy-append';
import { whenWritten } from './socket';

const UNIQUE_VIOLATION = '23505';
/** Serialises concurrent migrators (several processes starting against one database). */
const MIGRATION_LOCK = 72_001;

export interface PostgresEventStoreOptions {
  /** How long an idempotency key and its answer are kept (default 48 hours). */
  idempotencyTtlMs?: number;
  /** Concurrent appends share one transaction and one commit (default true; ADR 0065). */
  groupCommit?: boolean;
  /** Groups committing at once (default 2): the next group gathers while one flushes. */
  groupsInFlight?: number;
  /** Appends in one group at most (default 200). */
  maxGroupSize?: number;
  /**
   * appendMany batches of at least this many events go in through COPY (ADR 0105); 0 or absent:
   * never. Off by default: it saves the server ~10 % of its insert CPU but costs Node more than it
   * saves there, and the simulator's main thread is the limit once appends overlap its generation.
   */
  copyFromEvents?: number;
}

/** Per append of a batch: its stream's last version and position once in, null when refused. */
type BatchAnswer = { streamVersion: number | null; position: string | null };

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

const assertNever = (value: never): never => {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
};

export class PostgresEventStore implements EventStore {
  private readonly listeners = new Set<() => void>();
  private readonly idempotencyTtlMs: number;
  private readonly groups: GroupCommitter<Settled<AppendResult>> | null;
  private readonly copyFromEvents: number;

  constructor(
    private readonly pool: Pool,
    private readonly ownsPool = false,
    options: PostgresEventStoreOptions = {},
  ) {
    this.idempotencyTtlMs = options.idempotencyTtlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
    this.copyFromEvents = options.copyFromEvents || Number.POSITIVE_INFINITY;
    this.groups =
      options.groupCommit === false
        ? null
        : new GroupCommitter(
            (group) => this.commitGroup(group),
            options.groupsInFlight ?? 2,
            options.maxGroupSize ?? 200,
          );
  }

  /** Creates or upgrades the store's tables. Safe to call from several processes at once. */
  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await client.query(
        `CREATE TABLE IF NOT EXISTS es_migrations (version integer PRIMARY KEY, name text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rows } = await client.query<{ version: number }>('SELECT version FROM es_migrations');
      const applied = new Set(rows.map((r) => r.version));
      for (const migration of EVENT_STORE_MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO es_migrations (version, name) VALUES ($1, $2)', [
            migration.version,
            migration.name,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const request = { streamId, events, options };
    const settled = this.groups ? await this.groups.submit(request) : (await this.commitGroup([request]))[0]!;
    if (!settled.ok) throw settled.error;
    for (const listener of this.listeners) listener();
    return settled.value;
  }

  /**
   * One statement for the whole group. A statement that fails as a whole (a writer of another
   * process took a stream's next version meanwhile, a bad event) committed nothing: the group is
   * then run again one append at a time, so the failure stays with the append it belongs to. Groups
   * without keys take shorter statements (unkeyed-append.ts): an append alone costs no more than a
   * plain `BEGIN; SELECT; INSERT; COMMIT`.
   */
  private async commitGroup(group: AppendRequest[]): Promise<Array<Settled<AppendResult>>> {
    let outcomes: GroupOutcome[];
    try {
      outcomes = !group.every(isUnkeyed)
        ? await runGroup(this.pool, group, this.idempotencyTtlMs)
        : group.length === 1
          ? [await runLoneAppend(this.pool, group[0]!)]
          : await runUnkeyedGroup(this.pool, group);
    } catch (error) {
      if (group.length > 1) return Promise.all(group.map(async (r) => (await this.commitGroup([r]))[0]!));
      return [{ ok: false, error: await this.failureOf(group[0]!, error) }];
    }
    return outcomes.map((outcome, at): Settled<AppendResult> => {
      const { streamId, options } = group[at]!;
      switch (outcome.kind) {
        case 'appended':
          return { ok: true, value: outcome.result };
        case 'conflict':
          return {
            ok: false,
            error: new WrongExpectedVersionError(streamId, options.expectedVersion, outcome.actual),
          };
        case 'key_taken': {
          const { scope, key } = options.idempotency!;
          return { ok: false, error: new IdempotencyKeyTakenError(scope, key, outcome.stored ?? undefined) };
        }
        default:
          return assertNever(outcome);
      }
    });
  }

  /** The error a lone append's failed statement means to its caller. */
  private async failureOf({ streamId, options }: AppendRequest, error: unknown): Promise<unknown> {
    if (!(error instanceof DatabaseError) || error.code !== UNIQUE_VIOLATION) return error;
    // A writer appended to the stream between our read of its version and our insert.
    if (error.constraint === 'es_events_stream_version') {
      const actual = await this.streamVersion(this.pool, streamId).catch(() => -1);
      return new WrongExpectedVersionError(streamId, options.expectedVersion, actual);
    }
    if (error.constraint === 'es_idempotency_pkey' && options.idempotency)
      return new IdempotencyKeyTakenError(options.idempotency.scope, options.idempotency.key);
    return error;
  }

  private async streamVersion(runner: Pool | PoolClient, streamId: string): Promise<number> {
    const { rows } = await runner.query<{ version: number }>(
      'SELECT coalesce(max(stream_version), 0)::integer AS version FROM es_events WHERE stream_id = $1',
      [streamId],
    );
    return rows[0]!.version;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events
       WHERE stream_id = $1
         AND ($2::integer IS NULL OR stream_version <= $2::integer)
         AND ($3::timestamptz IS NULL OR recorded_at <= $3::timestamptz)
         AND ($4::integer IS NULL OR stream_version >= $4::integer)
       ORDER BY stream_version`,
      [
        streamId,
        options.toVersion ?? null,
        options.until?.toISOString() ?? null,
        options.fromVersion ?? null,
      ],
    );
    return rows.map(toRecorded);
  }

  async readStreams(streamIds: string[]): Promise<Map<string, RecordedEvent[]>> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, stream_version`,
      [streamIds],
    );
    const streams = new Map<string, RecordedEvent[]>();
    for (const row of rows) {
      const events = streams.get(row.stream_id);
      if (events) events.push(toRecorded(row));
      else streams.set(row.stream_id, [toRecorded(row)]);
    }
    return streams;
  }

  async appendMany(
    appends: StreamAppend[],
    options: AppendManyOptions = {},
  ): Promise<Array<AppendResult | 'conflict'>> {
    if (appends.length === 0) {
      options.onSent?.();
      return [];
    }
    if (appends.some((a) => a.events.length === 0)) throw new Error('append needs at least one event');
    if (new Set(appends.map((a) => a.streamId)).size !== appends.length)
      throw new Error('appendMany takes each stream once');
    let answers: BatchAnswer[];
    try {
      const events = appends.reduce((n, a) => n + a.events.length, 0);
      answers =
        events >= this.copyFromEvents
          ? await this.withClient((client) => copyAppend(client, appends, options.onSent))
          : options.onSent
            ? await this.withClient((client) => this.appendManyInOneStatement(client, appends, options))
            : await this.appendManyInOneStatement(this.pool, appends, options);
    } catch (error) {
      // a writer of another process appended to a stream of the batch while it ran
      if (
        error instanceof DatabaseError &&
        error.code === UNIQUE_VIOLATION &&
        error.constraint === 'es_events_stream_version'
      )
        throw new BatchRaceError();
      throw error;
    }
    const results = answers.map((row): AppendResult | 'conflict' =>
      row.streamVersion === null || row.position === null
        ? 'conflict'
        : { streamVersion: row.streamVersion, position: row.position },
    );
    if (results.some((r) => r !== 'conflict')) for (const listener of this.listeners) listener();
    return results;
  }

  /** A pooled connection for `work`; one that failed outside the database's answer is not reused. */
  private async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      return await work(client);
    } catch (error) {
      if (!(error instanceof DatabaseError))
        broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** One statement, so one implicit transaction and one commit for the whole batch. */
  private async appendManyInOneStatement(
    runner: Pool | PoolClient,
    appends: StreamAppend[],
    { onSent }: AppendManyOptions,
  ): Promise<BatchAnswer[]> {
    const answer = runner.query<{
      stream_id: string;
      current_version: number;
      stream_version: number | null;
      position: string | null;
    }>(APPEND_BATCH_SQL, appendBatchValues(appends));
    if (onSent) void whenWritten(runner as PoolClient).then(onSent);
    const { rows } = await answer;
    const byStream = new Map(rows.map((r) => [r.stream_id, r]));
    return appends.map((a) => {
      const row = byStream.get(a.streamId)!;
      return { streamVersion: row.stream_version, position: row.position };
    });
  }

  async readAll(cursor: LogCursor | null, limit: number): Promise<LogBatch> {
    const [tx, pos] = decodeCursor(cursor);
    // Only transactions older than every running one are visible, so nothing can later commit
    // with a (transaction_id, position) below what a reader has already passed.
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events
       WHERE (transaction_id, position) > ($1::xid8, $2::bigint)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY transaction_id, position
       LIMIT $3`,
      [tx, pos, limit],
    );
    const last = rows[rows.length - 1];
    return {
      events: rows.map(toRecorded),
      cursor: last ? encodeCursor(last.transaction_text, last.position_text) : encodeCursor(tx, pos),
    };
  }

  async hasReached(cursor: LogCursor | null, position: string): Promise<boolean> {
    if (!cursor) return false;
    const [tx, pos] = decodeCursor(cursor);
    const { rows } = await this.pool.query<{ reached: boolean }>(
      `SELECT (transaction_id, position) <= ($1::xid8, $2::bigint) AS reached FROM es_events WHERE position = $3::bigint`,
      [tx, pos, position],
    );
    return rows[0]?.reached ?? false;
  }

  async headCursor(): Promise<LogCursor | null> {
    const { rows } = await this.pool.query<{ transaction_text: string; position_text: string }>(
      `SELECT transaction_id::text AS transaction_text, position::text AS position_text FROM es_events
       WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY transaction_id DESC, position DESC LIMIT 1`,
    );
    const row = rows[0];
    return row ? encodeCursor(row.transaction_text, row.position_text) : null;
  }

  async headPosition(): Promise<string | null> {
    const { rows } = await this.pool.query<{ position_text: string }>(
      `SELECT position::text AS position_text FROM es_events ORDER BY transaction_id DESC, position DESC LIMIT 1`,
    );
    return rows[0]?.position_text ?? null;
  }

  async findIdempotentAnswer(scope: string, key: string): Promise<StoredIdempotentAnswer | null> {
    const { rows } = await this.pool.query<{ request_hash: string; response: Record<string, unknown> }>(
      `SELECT request_hash, response FROM es_idempotency
       WHERE scope = $1 AND key = $2 AND created_at > now() - $3::bigint * interval '1 millisecond'`,
      [scope, key, this.idempotencyTtlMs],
    );
    const row = rows[0];
    return row ? { requestHash: row.request_hash, response: row.response } : null;
  }

  async purgeExpiredIdempotencyKeys(): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM es_idempotency WHERE created_at <= now() - $1::bigint * interval '1 millisecond'`,
      [this.idempotencyTtlMs],
    );
    return rowCount ?? 0;
  }

  onAppended(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    if (this.ownsPool) await this.pool.end();
  }
}
