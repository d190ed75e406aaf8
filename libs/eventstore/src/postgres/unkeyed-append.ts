import type { Pool } from 'pg';
import type { StreamAppend } from '../event-store';
import type { AppendRequest, GroupOutcome } from './group-append';
import { eventRow, expectedOf } from './group-append';
import { APPEND_MANY_SQL } from './statements';

/**
 * A lone append without an idempotency key: the stream's version checked and its events inserted in
 * one short statement (ADR 0065, update). The group statement does the same for one append, but
 * with key handling, stored answers and positions drawn up front: for one writer that made an
 * append cost more than a plain `BEGIN; SELECT; INSERT; COMMIT`. Here positions come from the
 * column's default in the order of the events (one stream: nothing to order across), and the events
 * travel as one JSON array, as in appendMany.
 *
 * The version read and the insert are one statement, so one transaction: a writer of another
 * process that takes the same next version meanwhile makes the insert fail on the stream's unique
 * version, and nothing commits.
 */
export const LONE_APPEND_SQL = `
  WITH current AS (
    SELECT coalesce(max(stream_version), 0) AS version FROM es_events WHERE stream_id = $1
  ), inserted AS (
    INSERT INTO es_events (stream_id, stream_version, event_id, type, data, metadata, recorded_at)
    SELECT $1, c.version + e.ord, e.event_id, e.type, coalesce(e.data, 'null'::jsonb), e.metadata,
           e.recorded_at
    FROM current c,
         json_to_recordset($3::json)
           AS e(ord integer, event_id uuid, type text, data jsonb, metadata jsonb, recorded_at timestamptz)
    WHERE $2::integer IS NULL OR c.version = $2::integer
    ORDER BY e.ord
    RETURNING stream_version, position
  )
  SELECT c.version AS current_version, max(i.stream_version) AS stream_version,
         max(i.position)::text AS position
  FROM current c LEFT JOIN inserted i ON true
  GROUP BY c.version`;

interface LoneRow {
  current_version: string | number;
  stream_version: number | null;
  position: string | null;
}

/** True for the appends these statements take: no key (a keyed append takes the group statement). */
export const isUnkeyed = (request: AppendRequest): boolean => !request.options.idempotency;

/** Runs one unkeyed append; throws (and commits nothing) when the statement fails. */
export async function runLoneAppend(
  pool: Pool,
  { streamId, events, options }: AppendRequest,
): Promise<GroupOutcome> {
  const input = JSON.stringify(events.map((e, k) => ({ ord: k + 1, ...eventRow(e) })));
  // named: each connection parses and plans it once
  const { rows } = await pool.query<LoneRow>({
    name: 'es_lone_append',
    text: LONE_APPEND_SQL,
    values: [streamId, expectedOf(options), input],
  });
  const row = rows[0]!;
  if (row.stream_version === null || row.position === null)
    return { kind: 'conflict', actual: Number(row.current_version) };
  return { kind: 'appended', result: { streamVersion: row.stream_version, position: row.position } };
}

interface ManyRow {
  stream_id: string;
  current_version: number;
  stream_version: number | null;
  position: string | null;
}

/**
 * A group without keys runs appendMany's statement (statements.ts), named: no key handling and no
 * stored answers to look up — a group of four ran at ×1.73 the group statement's rate (ADR 0065,
 * update). The same answers: each append checked against its own expected version, positions drawn
 * in the order of the group, rows inserted in stream order. A group holds each stream once
 * (GroupCommitter), as appendMany requires.
 */
export async function runUnkeyedGroup(pool: Pool, group: AppendRequest[]): Promise<GroupOutcome[]> {
  const { rows } = await pool.query<ManyRow>({
    name: 'es_group_unkeyed',
    text: APPEND_MANY_SQL,
    values: [appendManyInput(group), group.map((a) => a.streamId), group.map((a) => expectedOf(a.options))],
  });
  const byStream = new Map(rows.map((r) => [r.stream_id, r]));
  return group.map((a): GroupOutcome => {
    const row = byStream.get(a.streamId)!;
    return row.stream_version === null || row.position === null
      ? { kind: 'conflict', actual: Number(row.current_version) }
      : { kind: 'appended', result: { streamVersion: row.stream_version, position: row.position } };
  });
}

/** appendMany's events as one JSON array, numbered by append (`at`) and within it (`ord`). */
export function appendManyInput(appends: Array<Pick<StreamAppend, 'streamId' | 'events'>>): string {
  const rows: unknown[] = [];
  appends.forEach((a, at) =>
    a.events.forEach((e, k) => rows.push({ at, stream_id: a.streamId, ord: k + 1, ...eventRow(e) })),
  );
  return JSON.stringify(rows);
}
