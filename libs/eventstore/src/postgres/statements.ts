import type { LogCursor, RecordedEvent, StreamAppend } from '../event-store';
import { upcast } from '../upcasting';

/** The SQL of the PostgreSQL event store and the mapping of its rows (ADR 0001). */

// Both batch statements answer the same: per stream its version before, and its last version and
// position when its events went in (NULL: refused on its expected version).
const ANSWER_PER_STREAM = `
  SELECT c.stream_id, c.version AS current_version,
         max(n.stream_version) AS stream_version, max(n.position)::text AS position
  FROM current c LEFT JOIN inserted n ON n.stream_id = c.stream_id
  GROUP BY c.stream_id, c.version`;

// appendMany's one statement: every stream of the batch checked against its expected version and
// its events inserted, numbered from its current version. Positions are drawn up front in the order
// of the batch (`at`), but rows go in in stream order, the order group appends use (group-append.ts):
// two writers inserting the same streams' next versions then wait for each other in one order and
// never deadlock (the later one fails on the unique version, and commits nothing).
export const APPEND_MANY_SQL = `
  WITH input AS (
    -- the events travel as one JSON array (one stringify, no array-literal escaping of 8 arrays:
    -- that was most of appendMany's CPU); a JSON null comes out as SQL NULL, hence the coalesce
    SELECT e.at, e.stream_id, e.event_id, e.type, coalesce(e.data, 'null'::jsonb) AS data, e.metadata,
           e.recorded_at, e.ord
    FROM json_to_recordset($1::json)
      AS e(at integer, stream_id text, event_id uuid, type text, data jsonb, metadata jsonb,
           recorded_at timestamptz, ord integer)
  ), expected AS (
    SELECT * FROM unnest($2::text[], $3::integer[]) AS x(stream_id, version)
  ), current AS (
    SELECT x.stream_id, x.version AS expected,
           (SELECT coalesce(max(stream_version), 0) FROM es_events WHERE stream_id = x.stream_id) AS version
    FROM expected x
  ), accepted AS (
    -- positions drawn here, row by row in the order of the batch
    SELECT s.*, nextval('es_events_position_seq') AS position
    FROM (SELECT i.*, c.version FROM input i JOIN current c ON c.stream_id = i.stream_id
          WHERE c.expected IS NULL OR c.version = c.expected
          ORDER BY i.at, i.ord) s
  ), inserted AS (
    INSERT INTO es_events (position, stream_id, stream_version, event_id, type, data, metadata, recorded_at)
    SELECT a.position, a.stream_id, a.version + a.ord, a.event_id, a.type, a.data, a.metadata, a.recorded_at
    FROM accepted a
    ORDER BY a.stream_id, a.ord
    RETURNING stream_id, stream_version, position
  )
  ${ANSWER_PER_STREAM}`;

// appendMany's statement for big batches (ADR 0065, fourth pass). The same answers as APPEND_MANY_SQL
// (each stream checked against its expected version, positions drawn in the order of the batch, rows
// inserted in stream order, one transaction), but the sorts and the materialised rows are narrow
// (stream, version, index of the event, position): the events themselves are one jsonb array,
// parsed once, each row taking its element by index as it is inserted. With json_to_recordset the
// whole batch was parsed twice (as json, then data and metadata again as jsonb), kept in a
// tuplestore and sorted twice with its payload — past work_mem, on disk. $1: [[type, data,
// metadata], …] in batch order; $2, $3, $4: each append's stream, expected version (NULL: any) and
// number of events. The event id and recorded time are the metadata's (as eventRow takes them).
export const APPEND_BATCH_SQL = `
  WITH appends AS (
    SELECT a.stream_id, a.expected, a.n, a.at, (sum(a.n) OVER (ORDER BY a.at) - a.n)::integer AS first
    FROM unnest($2::text[], $3::integer[], $4::integer[]) WITH ORDINALITY AS a(stream_id, expected, n, at)
  ), current AS (
    SELECT a.*, (SELECT coalesce(max(stream_version), 0) FROM es_events WHERE stream_id = a.stream_id) AS version
    FROM appends a
  ), numbered AS (
    -- positions drawn here, row by row in the order of the batch
    SELECT s.stream_id, s.version + s.ord AS stream_version, s.first + s.ord - 1 AS k,
           nextval('es_events_position_seq') AS position
    FROM (SELECT c.stream_id, c.version, c.first, ord FROM current c, generate_series(1, c.n) AS ord
          WHERE c.expected IS NULL OR c.version = c.expected
          ORDER BY c.at, ord) s
  ), inserted AS (
    INSERT INTO es_events (position, stream_id, stream_version, event_id, type, data, metadata, recorded_at)
    SELECT n.position, n.stream_id, n.stream_version, (e.x -> 2 ->> 'eventId')::uuid, e.x ->> 0, e.x -> 1,
           e.x -> 2, (e.x -> 2 ->> 'recordedAt')::timestamptz
    -- sorted before the events are taken (a narrow sort); the outer ORDER BY is then already met
    FROM (SELECT * FROM numbered ORDER BY stream_id, stream_version) n,
         -- OFFSET 0: the element is taken once per row, not once per column that uses it
         LATERAL (SELECT $1::jsonb -> n.k AS x OFFSET 0) e
    ORDER BY n.stream_id, n.stream_version
    RETURNING stream_id, stream_version, position
  )
  ${ANSWER_PER_STREAM}`;

/** APPEND_BATCH_SQL's parameters: the events as [type, data, metadata] in batch order, then per append. */
export function appendBatchValues(
  appends: readonly StreamAppend[],
): [string, string[], Array<number | null>, number[]] {
  const events: unknown[] = [];
  for (const a of appends) for (const e of a.events) events.push([e.type, e.data ?? null, e.metadata]);
  return [
    JSON.stringify(events),
    appends.map((a) => a.streamId),
    appends.map((a) =>
      a.expectedVersion === 'any' ? null : a.expectedVersion === 'no_stream' ? 0 : a.expectedVersion,
    ),
    appends.map((a) => a.events.length),
  ];
}

// Aliased so that ORDER BY keeps meaning the typed columns (an output alias would win, and sort as text).
export const EVENT_COLUMNS = `position::text AS position_text, transaction_id::text AS transaction_text, stream_id,
  stream_version, type, data, metadata`;

export interface EventRow {
  position_text: string;
  transaction_text: string;
  stream_id: string;
  stream_version: number;
  type: string;
  data: unknown;
  metadata: RecordedEvent['metadata'];
}

/** Every read path returns events in the current shape of their type (upcasting/). */
export const toRecorded = (row: EventRow): RecordedEvent =>
  upcast({
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    position: row.position_text,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
  });

export const encodeCursor = (transactionId: string, position: string): LogCursor =>
  `${transactionId}:${position}`;
export const decodeCursor = (cursor: LogCursor | null): [string, string] => {
  if (!cursor) return ['0', '0'];
  const [tx, pos] = cursor.split(':');
  if (!/^\d+$/.test(tx ?? '') || !/^\d+$/.test(pos ?? ''))
    throw new Error(`not a PostgreSQL log cursor: ${cursor}`);
  return [tx!, pos!];
};
