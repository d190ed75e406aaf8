import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { NewEvent, PostgresEventStore } from '@ledger/eventstore';

type Line = (label: string, value: string) => void;

/**
 * The append phase (issue 13): the same load — WRITERS concurrent writers, STREAMS streams, one event
 * per append at the exact expected version — run by a plain SQL loop, by Emmett 0.42's PostgreSQL
 * event store and by ours (group commit on and off), on the same server in the same run; and again
 * with ONE writer, where every append is alone (the store's lone-append path beside the plain loop).
 * The machine is shared and noisy, so within each of BENCH_APPEND_ROUNDS rounds the contenders take
 * turns in BENCH_APPEND_SLICES short slices (a change of load hits them all alike); each is reported
 * by its median round, the ratios by the median of the rounds' ratios.
 */
export const WRITERS = 8;
export const STREAMS = 2000;
const APPENDS = Number(process.env.BENCH_APPENDS ?? 16000);
/** One writer waits on every flush alone: fewer appends keep its turn as long as the others'. */
const APPENDS_ONE_WRITER = Number(process.env.BENCH_APPENDS_ONE_WRITER ?? 3000);
const ROUNDS = Number(process.env.BENCH_APPEND_ROUNDS ?? 3);
const SLICES = Number(process.env.BENCH_APPEND_SLICES ?? 10);

/** How many writers share how many appends (per round, over all its slices). */
interface Load {
  writers: number;
  appends: number;
}
const MANY: Load = { writers: WRITERS, appends: APPENDS };
const ONE: Load = { writers: 1, appends: APPENDS_ONE_WRITER };

/** A contender's streams through the slices of a round: their names, versions and each writer's place. */
interface Streams {
  names: string[];
  versions: Map<string, number>;
  place: number[];
}
const freshStreams = (prefix: string): Streams => ({
  names: Array.from({ length: STREAMS }, () => `${prefix}-${randomUUID()}`),
  versions: new Map(),
  place: [],
});

export const benchEvent = (i: number): NewEvent => {
  const now = new Date().toISOString();
  return {
    type: 'BenchEvent',
    data: { i, note: 'a small payload like a call attempt' },
    metadata: {
      eventId: randomUUID(),
      ric: '444',
      actor: { id: 'bench', role: 'ADMIN' },
      occurredAt: now,
      recordedAt: now,
      correlationId: randomUUID(),
      causationId: randomUUID(),
      schemaVersion: 1,
    },
  };
};

/**
 * One slice: load.writers loops, each owning every load.writers-th stream and going on where it left
 * off in the last slice, sharing one counter of `appends`; answers ms.
 */
async function writers(
  load: Load,
  appends: number,
  streams: Streams,
  appendOne: (stream: string, version: number, i: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: load.writers }, async (_, w) => {
      const mine = streams.names.filter((_, i) => i % load.writers === w);
      while (next < appends) {
        const i = next++;
        const n = streams.place[w] ?? 0;
        streams.place[w] = n + 1;
        const stream = mine[n % mine.length]!;
        const version = streams.versions.get(stream) ?? 0;
        await appendOne(stream, version, i);
        streams.versions.set(stream, version + 1);
      }
    }),
  );
  return performance.now() - start;
}

/** What each contender runs: one slice of a load on its own streams. */
type Contender = (load: Load, appends: number, streams: Streams) => Promise<number>;

/** The plain loop the issue compares with: BEGIN; SELECT version; INSERT; COMMIT, a connection per writer. */
const plainLoop =
  (pool: Pool): Contender =>
  async (load, appends, streams) => {
    await pool.query(`CREATE TABLE IF NOT EXISTS bench_plain (position bigserial PRIMARY KEY, stream_id text NOT NULL,
    version integer NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL, UNIQUE (stream_id, version))`);
    const clients = await Promise.all(Array.from({ length: load.writers }, () => pool.connect()));
    const free = [...clients];
    try {
      return await writers(load, appends, streams, async (stream, _version, i) => {
        const client = free.pop()!;
        try {
          const e = benchEvent(i);
          await client.query('BEGIN');
          const { rows } = await client.query<{ v: number }>(
            'SELECT coalesce(max(version), 0) AS v FROM bench_plain WHERE stream_id = $1',
            [stream],
          );
          await client.query(
            'INSERT INTO bench_plain (stream_id, version, type, data, metadata) VALUES ($1, $2, $3, $4, $5)',
            [stream, rows[0]!.v + 1, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)],
          );
          await client.query('COMMIT');
        } finally {
          free.push(client);
        }
      });
    } finally {
      for (const client of clients) client.release();
    }
  };

type EmmettStore = ReturnType<typeof getPostgreSQLEventStore>;

/** Emmett's appendToStream with the expected stream version (0n: the stream must not exist yet). */
const emmett =
  (store: EmmettStore): Contender =>
  (load, appends, streams) =>
    writers(load, appends, streams, async (stream, version, i) => {
      const e = benchEvent(i);
      await store.appendToStream(stream, [{ type: e.type, data: e.data as Record<string, unknown> }], {
        expectedStreamVersion: BigInt(version),
      });
    });

const ours =
  (store: PostgresEventStore, keyed = false): Contender =>
  (load, appends, streams) =>
    writers(load, appends, streams, async (stream, version, i) => {
      await store.append(stream, [benchEvent(i)], {
        expectedVersion: version === 0 ? 'no_stream' : version,
        // as the command path records an Idempotency-Key: the key and the answer with the events
        ...(keyed
          ? {
              idempotency: {
                scope: '444/bench',
                key: randomUUID(),
                requestHash: 'h',
                response: { ok: true },
              },
            }
          : {}),
      });
    });

const perSecond = (appends: number, ms: number) => Math.round((appends / ms) * 1000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Prints each contender's median events/s and the ratios; answers the store's median rate. */
export async function benchAppendPhase(url: string, line: Line): Promise<number> {
  const pool = new Pool({ connectionString: url, max: WRITERS + 4 });
  pool.on('error', () => undefined);
  const grouped = new PostgresEventStore(pool);
  const alone = new PostgresEventStore(pool, false, { groupCommit: false });
  await grouped.migrate();
  // Emmett gets a pool of the same size as ours, which the bench ends itself
  const emmettPool = new Pool({ connectionString: url, max: WRITERS + 4 });
  // Emmett's close ends this pool without waiting for its connections: the server's goodbye to
  // them at shutdown must not crash the bench
  emmettPool.on('error', () => undefined);
  const emmettStore = getPostgreSQLEventStore(url, {
    connectionOptions: { pooled: true, pool: emmettPool, connectionString: url },
  });
  await emmettStore.schema.migrate();
  // each contender with its load; the one-writer runs are named "… alone"
  const runs: Record<string, { load: Load; prefix: string; run: Contender }> = {
    plain: { load: MANY, prefix: 'plain', run: plainLoop(pool) },
    emmett: { load: MANY, prefix: 'emmett', run: emmett(emmettStore) },
    store: { load: MANY, prefix: 'client-444', run: ours(grouped) },
    'store, group commit off': { load: MANY, prefix: 'client-444', run: ours(alone) },
    'store, keyed': { load: MANY, prefix: 'client-444', run: ours(grouped, true) },
    'plain alone': { load: ONE, prefix: 'plain', run: plainLoop(pool) },
    'emmett alone': { load: ONE, prefix: 'emmett', run: emmett(emmettStore) },
    'store alone': { load: ONE, prefix: 'client-444', run: ours(grouped) },
    'store alone, group commit off': { load: ONE, prefix: 'client-444', run: ours(alone) },
  };
  const names = Object.keys(runs);
  const rates: Record<string, number[]> = {};
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const streams = Object.fromEntries(names.map((name) => [name, freshStreams(runs[name]!.prefix)]));
      const spent = Object.fromEntries(names.map((name) => [name, 0]));
      for (let slice = 0; slice < SLICES; slice++) {
        // rotate who goes first: the server warms up and its tables grow as the run goes on
        const turn = (round * SLICES + slice) % names.length;
        for (const name of [...names.slice(turn), ...names.slice(0, turn)]) {
          const { load, run } = runs[name]!;
          spent[name] += await run(load, Math.ceil(load.appends / SLICES), streams[name]!);
        }
      }
      for (const name of names) {
        const { load } = runs[name]!;
        (rates[name] ??= []).push(perSecond(Math.ceil(load.appends / SLICES) * SLICES, spent[name]!));
      }
    }
  } finally {
    await emmettStore.close();
    await pool.end();
  }
  const rate = (name: string) => `${median(rates[name]!)} events/s (rounds: ${rates[name]!.join(', ')})`;
  // the ratio of each round (the contenders ran side by side in it), then the median of those
  const ratio = (of: string, to: string) =>
    `x${median(rates[of]!.map((r, i) => r / rates[to]![i]!)).toFixed(2)}`;
  const many = `1 event/append, ${WRITERS} writers, ${STREAMS} streams`;
  line(`plain BEGIN/SELECT/INSERT/COMMIT, ${many}`, rate('plain'));
  line(`Emmett 0.42 appendToStream, ${many}`, rate('emmett'));
  line(`event store append, group commit off, ${many}`, rate('store, group commit off'));
  line(`event store append (group commit), ${many}`, rate('store'));
  line(`event store append with Idempotency-Key (group commit), ${many}`, rate('store, keyed'));
  line(
    'event store vs plain loop / vs Emmett (median of rounds)',
    `${ratio('store', 'plain')} / ${ratio('store', 'emmett')}`,
  );
  const one = `1 event/append, 1 writer, ${STREAMS} streams`;
  line(`plain BEGIN/SELECT/INSERT/COMMIT, ${one}`, rate('plain alone'));
  line(`Emmett 0.42 appendToStream, ${one}`, rate('emmett alone'));
  line(`event store append, group commit off, ${one}`, rate('store alone, group commit off'));
  line(`event store append (group commit), ${one}`, rate('store alone'));
  line(
    'lone append vs plain loop: group commit off / on (median of rounds)',
    `${ratio('store alone, group commit off', 'plain alone')} / ${ratio('store alone', 'plain alone')}`,
  );
  line(
    'lone append vs Emmett: group commit off / on (median of rounds)',
    `${ratio('store alone, group commit off', 'emmett alone')} / ${ratio('store alone', 'emmett alone')}`,
  );
  line(
    `group commit off vs plain loop, ${WRITERS} writers (median of rounds)`,
    ratio('store, group commit off', 'plain'),
  );
  return median(rates.store!);
}
