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
 * Two round trips: one statement reads the streams' versions, decides each expected version and
 * draws the accepted events' positions; then the rows go in by one COPY — one statement, so its own
 * transaction and commit — with the versions and positions worked out here. A writer of another
 * process that takes a stream's next version in between makes the COPY fail on the unique (stream,
 * version) and nothing commits: the caller throws BatchRaceError, as when the same race meets the
 * one-statement path inside its statement (the drawn positions are then skipped, as a rollback
 * skips them).
 */

/**
 * $1, $2: each append's stream and expected version (NULL: any), $3 its number of events. Answers
 * each stream's version (in stream order: the database's collation, as the inserts elsewhere) and
 * the positions of the accepted streams' events, drawn by nextval row by row in the series' order,
 * so ascending as drawn; they are given out in batch order.
 */
const PREPARE_SQL = `
  WITH current AS (
    SELECT a.stream_id, a.at::integer AS at, a.n,
           (a.expected IS NULL OR a.expected = v.version) AS accepted, v.version
    FROM unnest($1::text[], $2::integer[], $3::integer[]) WITH ORDINALITY AS a(stream_id, expected, n, at),
         LATERAL (SELECT coalesce(max(stream_version), 0) AS version FROM es_events
                  WHERE stream_id = a.stream_id) v
  )
  SELECT (SELECT json_agg(json_build_array(at, version, accepted) ORDER BY stream_id) FROM current) AS streams,
         (SELECT array_agg(nextval('es_events_position_seq'))::text
          FROM generate_series(1, (SELECT coalesce(sum(n), 0)::integer FROM current WHERE accepted))) AS positions`;

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

/** Per append of the batch (in batch order): its stream's last version and position, null when refused. */
export interface CopiedAnswer {
  streamVersion: number | null;
  position: string | null;
}

/**
 * Runs the batch on `client`. `onSent` is called once the last row and the end of the COPY have
 * been handed to the connection's socket (the server then needs nothing more from this process).
 * Throws the database's error as it comes (the caller maps a unique violation to BatchRaceError).
 */
export async function copyAppend(
  client: PoolClient,
  appends: readonly StreamAppend[],
  onSent?: () => void,
): Promise<CopiedAnswer[]> {
  const { rows } = await client.query<{
    streams: Array<[number, number, boolean]>;
    positions: string | null;
  }>(PREPARE_SQL, [
    appends.map((a) => a.streamId),
    appends.map(expectedOf),
    appends.map((a) => a.events.length),
  ]);
  const { streams, positions: drawn } = rows[0]!;
  const versions = new Array<number>(appends.length);
  const accepted = new Array<boolean>(appends.length);
  for (const [at, version, ok] of streams) {
    versions[at - 1] = version;
    accepted[at - 1] = ok;
  }
  const positions = drawn ? drawn.slice(1, -1).split(',') : [];
  // each accepted append's first position, in batch order
  const first = new Array<number>(appends.length);
  let next = 0;
  appends.forEach((a, at) => {
    first[at] = next;
    if (accepted[at]) next += a.events.length;
  });
  if (positions.length > 0) {
    const order = streams.map(([at]) => at - 1).filter((at) => accepted[at]);
    await copyRows(client, order, appends, versions, positions, first, onSent);
  } else onSent?.();
  return appends.map((a, at) =>
    accepted[at]
      ? {
          streamVersion: versions[at]! + a.events.length,
          position: positions[first[at]! + a.events.length - 1]!,
        }
      : { streamVersion: null, position: null },
  );
}

const expectedOf = (a: StreamAppend): number | null =>
  a.expectedVersion === 'any' ? null : a.expectedVersion === 'no_stream' ? 0 : a.expectedVersion;

/** The accepted appends' rows through COPY, stream by stream in `order`. */
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
    const messages = copyText(order, appends, versions, positions, first);
    messages.forEach((message, n) =>
      n < messages.length - 1
        ? stream.write(message)
        : // The callback runs once this last message (and so every one before it) is in the
          // socket; the end of the COPY (CopyDone) is written after it, from a later tick: it too
          // must be out before the caller may keep the thread busy, or the server waits for it.
          stream.write(message, () => {
            if (onSent) setImmediate(() => void whenWritten(client).then(onSent));
          }),
    );
    stream.end();
  });
}

/** The rows as COPY text, ROWS_PER_MESSAGE rows a message; exported for the bench. */
export function copyText(
  order: readonly number[],
  appends: readonly StreamAppend[],
  versions: readonly number[],
  positions: readonly string[],
  first: readonly number[],
): string[] {
  const messages: string[] = [];
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
        messages.push(rows.join(''));
        rows = [];
      }
    }
  }
  if (rows.length > 0 || messages.length === 0) messages.push(rows.join(''));
  return messages;
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
