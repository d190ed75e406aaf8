import type { LogCursor, RecordedEvent } from '../event-store';
import { upcast } from '../upcasting';

/** The SQL of the PostgreSQL event store and the mapping of its rows (ADR 0001). */

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
  SELECT c.stream_id, c.version AS current_version,
         max(n.stream_version) AS stream_version, max(n.position)::text AS position
  FROM current c LEFT JOIN inserted n ON n.stream_id = c.stream_id
  GROUP BY c.stream_id, c.version`;

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
