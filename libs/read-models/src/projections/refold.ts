import { ClientState, foldClient, initialClientState } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/eventstore';
import type { ProjectionContext } from './projection';

/** A client whose stored state is a snapshot at `stateAt`, its row at `version` (≥ stateAt). */
export interface SnapshotBehind {
  id: string;
  streamId: string;
  version: number;
  state: ClientState | null;
  stateAt: number;
}

/** Streams read per call of the store's batched read: about a catch-up batch's worth of events. */
const STREAMS_PER_READ = 200;

/**
 * The most events before its snapshot a client's whole stream may carry to be read in a batch: the
 * store's batched read (readStreams) takes no versions, so it reads what precedes the snapshot in
 * vain. Older clients' tails are read on their own, from the snapshot's version on, so that a cold
 * start costs the same at any length of history (issue 13).
 */
const BATCHED_BEFORE_SNAPSHOT = 400;

/**
 * The state at the row's version of each client `behind`: the stored snapshot (or the start) with
 * the events after it, up to that version, read from the event store and folded by the domain's own
 * fold. Young streams come a few hundred at a time in one read where the store has one
 * (readStreams); the others' tails a few streams at a time.
 */
export async function refoldSnapshots(
  projection: string,
  context: ProjectionContext | undefined,
  behind: readonly SnapshotBehind[],
): Promise<Map<string, ClientState>> {
  const states = new Map<string, ClientState>();
  if (behind.length === 0) return states;
  if (!context)
    throw new Error(
      `${projection}: ${behind.length} clients' stored states are snapshots behind their rows; apply through the runner, which gives the event store to refold them`,
    );
  const refold = (client: SnapshotBehind, events: readonly RecordedEvent[]) => {
    const { streamId, version, stateAt } = client;
    const tail = events.filter((e) => e.streamVersion > stateAt && e.streamVersion <= version);
    if (tail.length !== version - stateAt)
      throw new Error(
        `${projection}: stream ${streamId} has ${tail.length} events after version ${stateAt} up to ${version}; expected ${version - stateAt}`,
      );
    states.set(client.id, foldClient(tail, client.state ?? initialClientState));
  };
  const { store } = context;
  const batched = store.readStreams ? behind.filter((c) => c.stateAt <= BATCHED_BEFORE_SNAPSHOT) : [];
  for (let at = 0; at < batched.length; at += STREAMS_PER_READ) {
    const part = batched.slice(at, at + STREAMS_PER_READ);
    const read = await store.readStreams!(part.map((c) => c.streamId));
    for (const client of part) refold(client, read.get(client.streamId) ?? []);
  }
  const alone = batched.length > 0 ? behind.filter((c) => c.stateAt > BATCHED_BEFORE_SNAPSHOT) : behind;
  for (let at = 0; at < alone.length; at += 8)
    await Promise.all(
      alone.slice(at, at + 8).map(async (client) =>
        refold(
          client,
          await store.readStream(client.streamId, {
            fromVersion: client.stateAt + 1,
            toVersion: client.version,
          }),
        ),
      ),
    );
  return states;
}

/**
 * The state at the row's version of each client: a cached one (the state at the row's version) as
 * it is; else the stored snapshot refolded up to that version (refoldSnapshots).
 */
export async function statesAtRowVersion(
  projection: string,
  context: ProjectionContext | undefined,
  clients: ReadonlyArray<{
    id: string;
    streamId: string;
    existing?: { version: number; value: { state: ClientState | null; stateAt: number } };
  }>,
): Promise<Map<string, ClientState>> {
  const states = new Map<string, ClientState>();
  const behind: SnapshotBehind[] = [];
  for (const { id, streamId, existing } of clients) {
    const { version, value } = existing!;
    if (value.stateAt === version && value.state) states.set(id, value.state);
    else behind.push({ id, streamId, version, state: value.state, stateAt: value.stateAt });
  }
  for (const [id, state] of await refoldSnapshots(projection, context, behind)) states.set(id, state);
  return states;
}
