import type { Pool } from 'pg';
import type { AppendOptions, AppendResult, NewEvent, StoredIdempotentAnswer } from '../event-store';

/** An event as the append statements read it from their JSON input (json_to_recordset's columns). */
export const eventRow = (e: NewEvent) => ({
  event_id: e.metadata.eventId,
  type: e.type,
  data: e.data ?? null,
  metadata: e.metadata,
  recorded_at: e.metadata.recordedAt,
});

/**
 * Several appends — to different streams, under different idempotency keys — in ONE statement, so
 * one implicit transaction and one commit flush for all of them (ADR 0065). Each append keeps its
 * own expected-version check, its own idempotency key and its own answer: one refused leaves the
 * others to commit. A group of one is how a lone keyed append runs too: key check, version check,
 * events and key insert in one round trip. Groups without keys take shorter statements
 * (unkeyed-append.ts).
 *
 * Positions are drawn from the events' own sequence up front, in the order of the group and of
 * each append's events, because a key's stored answer names the position of its append's last
 * event. All the group's events carry the one transaction id, so readAll's gap-free rule (only
 * transactions older than every running one are visible) covers a group as it covers any append.
 * Keys and events are inserted in key and stream order (not the group's), so that two groups of
 * different processes that share streams wait for each other instead of deadlocking.
 */
export const GROUP_APPEND_SQL = `
  WITH appends AS (
    -- appends and events travel as two JSON arrays: one stringify each, where arrays of jsonb
    -- cost an escaping pass per value in Node
    SELECT * FROM json_to_recordset($1::json)
      AS a(at integer, stream_id text, expected integer, n integer, scope text, key text, request_hash text,
           response jsonb)
  ), input AS (
    -- a JSON null comes out as SQL NULL, hence the coalesce
    SELECT e.at, e.ord, e.event_id, e.type, coalesce(e.data, 'null'::jsonb) AS data, e.metadata, e.recorded_at
    FROM json_to_recordset($3::json)
      AS e(at integer, ord integer, event_id uuid, type text, data jsonb, metadata jsonb, recorded_at timestamptz)
  ), current AS (
    SELECT a.*,
           (SELECT coalesce(max(stream_version), 0) FROM es_events WHERE stream_id = a.stream_id) AS version
    FROM appends a
  ), accepted AS (
    SELECT * FROM current c WHERE c.expected IS NULL OR c.version = c.expected
  ), numbered AS (
    SELECT s.at, s.ord, nextval('es_events_position_seq') AS position
    FROM (SELECT i.at, i.ord FROM input i JOIN accepted a ON a.at = i.at ORDER BY i.at, i.ord) s
  ), last AS (
    SELECT at, max(position) AS position FROM numbered GROUP BY at
  ), keys AS (
    -- An expired key is taken over; a live one (committed, or committing now: the insert waits for
    -- it) returns no row here, and its append inserts nothing.
    INSERT INTO es_idempotency (scope, key, request_hash, response)
    SELECT a.scope, a.key, a.request_hash,
           a.response || jsonb_build_object('streamVersion', a.version + a.n, 'position', l.position::text)
    FROM accepted a JOIN last l ON l.at = a.at
    WHERE a.key IS NOT NULL
    ORDER BY a.scope, a.key
    ON CONFLICT (scope, key) DO UPDATE
      SET request_hash = EXCLUDED.request_hash, response = EXCLUDED.response, created_at = now()
      WHERE es_idempotency.created_at <= now() - $2::bigint * interval '1 millisecond'
    RETURNING scope, key
  ), kept AS (
    SELECT a.at, a.stream_id, a.version FROM accepted a
    WHERE a.key IS NULL OR (a.scope, a.key) IN (SELECT scope, key FROM keys)
  ), inserted AS (
    INSERT INTO es_events (position, stream_id, stream_version, event_id, type, data, metadata, recorded_at)
    SELECT n.position, k.stream_id, k.version + i.ord, i.event_id, i.type, i.data, i.metadata, i.recorded_at
    FROM input i JOIN kept k ON k.at = i.at JOIN numbered n ON n.at = i.at AND n.ord = i.ord
    ORDER BY k.stream_id, i.ord
    RETURNING 1
  )
  SELECT c.at, c.version AS current_version,
         (c.expected IS NULL OR c.version = c.expected) AS version_ok,
         c.at IN (SELECT at FROM kept) AS kept,
         c.version + c.n AS stream_version, l.position::text AS position,
         (SELECT jsonb_build_object('requestHash', x.request_hash, 'response', x.response) FROM es_idempotency x
          WHERE c.key IS NOT NULL AND x.scope = c.scope AND x.key = c.key
            AND x.created_at > now() - $2::bigint * interval '1 millisecond') AS taken_by
  FROM current c LEFT JOIN last l ON l.at = c.at
  ORDER BY c.at`;

export interface AppendRequest {
  streamId: string;
  events: NewEvent[];
  options: AppendOptions;
}

/** What became of one append of a group. */
export type GroupOutcome =
  | { kind: 'appended'; result: AppendResult }
  | { kind: 'conflict'; actual: number }
  | { kind: 'key_taken'; stored: StoredIdempotentAnswer | null };

interface GroupRow {
  at: number;
  current_version: number;
  version_ok: boolean;
  kept: boolean;
  stream_version: number;
  position: string | null;
  taken_by: StoredIdempotentAnswer | null;
}

export const expectedOf = (options: AppendOptions): number | null =>
  options.expectedVersion === 'any'
    ? null
    : options.expectedVersion === 'no_stream'
      ? 0
      : options.expectedVersion;

/** Runs one group statement; throws (and commits nothing) when the statement fails as a whole. */
export async function runGroup(
  pool: Pool,
  group: AppendRequest[],
  idempotencyTtlMs: number,
): Promise<GroupOutcome[]> {
  const key = (a: AppendRequest) => a.options.idempotency;
  // named: each connection parses and plans the long statement once, not on every append
  const { rows } = await pool.query<GroupRow>({
    name: 'es_group_append',
    text: GROUP_APPEND_SQL,
    values: [
      JSON.stringify(
        group.map((a, at) => ({
          at,
          stream_id: a.streamId,
          expected: expectedOf(a.options),
          n: a.events.length,
          scope: key(a)?.scope ?? null,
          key: key(a)?.key ?? null,
          request_hash: key(a)?.requestHash ?? null,
          response: key(a)?.response ?? null,
        })),
      ),
      idempotencyTtlMs,
      JSON.stringify(group.flatMap((a, at) => a.events.map((e, k) => ({ at, ord: k + 1, ...eventRow(e) })))),
    ],
  });
  return rows.map((row): GroupOutcome => {
    // A key already committed wins over the version check: a repeat of a command finds its first
    // answer even though the first one moved the stream on (and saves its caller a lookup).
    if (!row.kept && row.taken_by) return { kind: 'key_taken', stored: row.taken_by };
    if (!row.version_ok) return { kind: 'conflict', actual: Number(row.current_version) };
    if (!row.kept) return { kind: 'key_taken', stored: null };
    return { kind: 'appended', result: { streamVersion: row.stream_version, position: row.position! } };
  });
}
