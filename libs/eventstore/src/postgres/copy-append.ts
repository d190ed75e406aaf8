import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { StreamAppend } from '../event-store';
import { whenWritten } from './socket';

/**
 * appendMany for big batches through COPY (ADR 0105): the same answers as APPEND_BATCH_SQL — each
 * stream checked against its expected version (a refused stream appends nothing, the others
 * commit), positions drawn in the order of the batch, rows inserted in stream order, one
 * transaction — but the events travel as COPY rows that the server parses once each, instead of one
 * jsonb array parsed whole and then taken apart element by element (ADR 0065, fourth pass).
 *
 * The streams' versions are read first, then the rows go in with the versions and positions worked
 * out here. A writer of another process that takes a stream's next version in between makes the
 * COPY fail on the unique (stream, version) and nothing commits: the caller throws BatchRaceError,
 * as when the same race meets the one-statement path inside its statement.
 */

/** Per stream of the batch, in stream order (the database's collation, as the inserts elsewhere). */
const VERSIONS_SQL = `
  SELECT a.at::integer AS at,
         (SELECT coalesce(max(stream_version), 0) FROM es_events WHERE stream_id = a.stream_id) AS version
  FROM unnest($1::text[]) WITH ORDINALITY AS a(stream_id, at)
  ORDER BY a.stream_id`;

// nextval row by row in the series' order, so the positions come back ascending, as drawn
const POSITIONS_SQL = `SELECT array_agg(nextval('es_events_position_seq'))::text AS positions
  FROM generate_series(1, $1::integer)`;

const COPY_SQL = `COPY es_events (position, stream_id, stream_version, event_id, type, data, metadata, recorded_at)
  FROM STDIN`;

/**
 * Rows per CopyData message. The server reads a whole message into its memory before it parses
 * it, so one message per batch is taken in at once, and the server then works on its own: a caller
 * that keeps the thread busy after onSent (the simulator) does not stall it. With small messages
 * it would parse each before taking the next from the socket, and the rest of the batch would
 * wait in Node's buffer until the event loop turns again.
 */
const ROWS_PER_MESSAGE = 100_000;

/** Per append of the batch (in batch order): its stream's version before and, when it went in, after. */
export interface CopiedAnswer {
  currentVersion: number;
  streamVersion: number | null;
  position: string | null;
}

/**
 * Runs the batch on `client` in one transaction. `onSent` is called once the last row has been
 * handed to the connection's socket (the server then needs nothing more from this process).
 * Throws the database's error as it comes (the caller maps a unique violation to BatchRaceError).
 */
export async function copyAppend(
  client: PoolClient,
  appends: readonly StreamAppend[],
  onSent?: () => void,
): Promise<CopiedAnswer[]> {
  await client.query('BEGIN');
  try {
    const { rows: current } = await client.query<{ at: number; version: number }>(VERSIONS_SQL, [
      appends.map((a) => a.streamId),
    ]);
    const versions = new Array<number>(appends.length);
    for (const row of current) versions[row.at - 1] = row.version;
    const accepted = appends.map((a, at) => {
      const expected = expectedOf(a);
      return expected === null || expected === versions[at];
    });
    let count = 0;
    appends.forEach((a, at) => (count += accepted[at] ? a.events.length : 0));
    const positions = count === 0 ? [] : await drawPositions(client, count);
    // each accepted append's first position, in batch order
    const first = new Array<number>(appends.length);
    let next = 0;
    appends.forEach((a, at) => {
      first[at] = next;
      if (accepted[at]) next += a.events.length;
    });
    if (count > 0) {
      const order = current.map((r) => r.at - 1).filter((at) => accepted[at]);
      await copyRows(client, order, appends, versions, positions, first, onSent);
    } else onSent?.();
    await client.query('COMMIT');
    return appends.map((a, at) =>
      accepted[at]
        ? {
            currentVersion: versions[at]!,
            streamVersion: versions[at]! + a.events.length,
            position: positions[first[at]! + a.events.length - 1]!,
          }
        : { currentVersion: versions[at]!, streamVersion: null, position: null },
    );
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

const expectedOf = (a: StreamAppend): number | null =>
  a.expectedVersion === 'any' ? null : a.expectedVersion === 'no_stream' ? 0 : a.expectedVersion;

async function drawPositions(client: PoolClient, count: number): Promise<string[]> {
  const { rows } = await client.query<{ positions: string }>(POSITIONS_SQL, [count]);
  return rows[0]!.positions.slice(1, -1).split(',');
}

/** The accepted appends' rows, stream by stream in `order`, as COPY text. */
function copyRows(
  client: PoolClient,
  order: readonly number[],
  appends: readonly StreamAppend[],
  versions: readonly number[],
  positions: readonly string[],
  first: readonly number[],
  onSent?: () => void,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const stream = client.query(copyFrom(COPY_SQL));
    stream.on('error', reject);
    stream.on('finish', resolve);
    // rows joined once per message: a flat string, where `+=` would build a deep rope that the
    // stream then has to flatten before encoding it
    let rows: string[] = [];
    for (const at of order) {
      const { streamId, events } = appends[at]!;
      const stream_id = field(streamId);
      for (let ord = 0; ord < events.length; ord++) {
        const { type, data, metadata } = events[ord]!;
        // the event id and recorded time columns are the metadata's, as APPEND_BATCH_SQL takes them
        rows.push(
          `${positions[first[at]! + ord]}\t${stream_id}\t${versions[at]! + ord + 1}\t` +
            `${metadata.eventId === undefined ? '\\N' : field(metadata.eventId)}\t${field(type)}\t` +
            `${json(data ?? null)}\t${json(metadata)}\t` +
            `${metadata.recordedAt === undefined ? '\\N' : field(metadata.recordedAt)}\n`,
        );
        if (rows.length === ROWS_PER_MESSAGE) {
          stream.write(rows.join(''));
          rows = [];
        }
      }
    }
    const chunk = rows.join('');
    // The callback runs once this last chunk (and so every one before it) is in the socket; the
    // end of the COPY (CopyDone) is written after it, from a later tick: it too must be out before
    // the caller may keep the thread busy, or the server waits for it.
    stream.write(chunk, () => {
      if (onSent) setImmediate(() => void whenWritten(client).then(onSent));
    });
    stream.end();
  });
}

// COPY's text format: a backslash, tab, newline or carriage return in a value must be escaped
const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const field = (text: string): string =>
  SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : text;
// JSON text holds no raw tab or line break (JSON.stringify escapes them with a backslash): only
// its backslashes need doubling
const json = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text.includes('\\') ? text.replace(/\\/g, '\\\\') : text;
};
