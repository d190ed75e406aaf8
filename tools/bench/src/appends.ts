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
 * The machine is shared and noisy, so the contenders take turns for BENCH_APPEND_ROUNDS rounds and
 * each is reported by its median round, the ratios by the median of the rounds' ratios.
 */
export const WRITERS = 8;
export const STREAMS = 2000;
const APPENDS = Number(process.env.BENCH_APPENDS ?? 16000);
/** One writer waits on every flush alone: fewer appends keep its turn as long as the others'. */
const APPENDS_ONE_WRITER = Number(process.env.BENCH_APPENDS_ONE_WRITER ?? 2000);
const ROUNDS = Number(process.env.BENCH_APPEND_ROUNDS ?? 3);

/** How many writers share how many appends. */
interface Load {
  writers: number;
  appends: number;
}
const MANY: Load = { writers: WRITERS, appends: APPENDS };
const ONE: Load = { writers: 1, appends: APPENDS_ONE_WRITER };

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

/** load.writers loops, each owning every load.writers-th stream, sharing one counter of load.appends; answers ms. */
async function writers(
  load: Load,
  prefix: string,
  appendOne: (stream: string, version: number, i: number) => Promise<void>,
): Promise<number> {
  const streams = Array.from({ length: STREAMS }, () => `${prefix}-${randomUUID()}`);
  const versions = new Map<string, number>();
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: load.writers }, async (_, w) => {
      const mine = streams.filter((_, i) => i % load.writers === w);
      for (let n = 0; next < load.appends; n++) {
        const i = next++;
        const stream = mine[n % mine.length]!;
        const version = versions.get(stream) ?? 0;
        await appendOne(stream, version, i);
        versions.set(stream, version + 1);
      }
    }),
  );
  return performance.now() - start;
}

/** The plain loop the issue compares with: BEGIN; SELECT version; INSERT; COMMIT, a connection per writer. */
async function plainLoop(pool: Pool, load: Load): Promise<number> {
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_plain (position bigserial PRIMARY KEY, stream_id text NOT NULL,
    version integer NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL, UNIQUE (stream_id, version))`);
  const clients = await Promise.all(Array.from({ length: load.writers }, () => pool.connect()));
  const free = [...clients];
  try {
    return await writers(load, 'plain', async (stream, _version, i) => {
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
}

type EmmettStore = ReturnType<typeof getPostgreSQLEventStore>;

/** Emmett's appendToStream with the expected stream version (0n: the stream must not exist yet). */
const emmett = (store: EmmettStore, load: Load) =>
  writers(load, 'emmett', async (stream, version, i) => {
    const e = benchEvent(i);
    await store.appendToStream(stream, [{ type: e.type, data: e.data as Record<string, unknown> }], {
      expectedStreamVersion: BigInt(version),
    });
  });

const ours = (store: PostgresEventStore, load: Load, keyed = false) =>
  writers(load, 'client-444', async (stream, version, i) => {
    await store.append(stream, [benchEvent(i)], {
      expectedVersion: version === 0 ? 'no_stream' : version,
      // as the command path records an Idempotency-Key: the key and the answer with the events
      ...(keyed
        ? { idempotency: { scope: '444/bench', key: randomUUID(), requestHash: 'h', response: { ok: true } } }
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
  // each contender with its load; ONE-writer runs are named "… alone"
  const runs: Record<string, { load: Load; run: () => Promise<number> }> = {
    plain: { load: MANY, run: () => plainLoop(pool, MANY) },
    emmett: { load: MANY, run: () => emmett(emmettStore, MANY) },
    store: { load: MANY, run: () => ours(grouped, MANY) },
    'store, group commit off': { load: MANY, run: () => ours(alone, MANY) },
    'store, keyed': { load: MANY, run: () => ours(grouped, MANY, true) },
    'plain alone': { load: ONE, run: () => plainLoop(pool, ONE) },
    'emmett alone': { load: ONE, run: () => emmett(emmettStore, ONE) },
    'store alone': { load: ONE, run: () => ours(grouped, ONE) },
    'store alone, group commit off': { load: ONE, run: () => ours(alone, ONE) },
  };
  const rates: Record<string, number[]> = {};
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // rotate who goes first: the server warms up and its tables grow as the run goes on
      const names = Object.keys(runs);
      const order = [...names.slice(round % names.length), ...names.slice(0, round % names.length)];
      for (const name of order) {
        const { load, run } = runs[name]!;
        (rates[name] ??= []).push(perSecond(load.appends, await run()));
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
