import { randomBytes } from 'node:crypto';
import { Client, Pool, PoolClient, PoolConfig } from 'pg';

export interface TestDatabase {
  url: string;
  /**
   * A pg Pool on this database that drop() ends (unless the spec did) and whose connections it waits
   * to see closed. An idle connection lost while nobody else listens is not an unhandled 'error'
   * event that ends the run somewhere else: drop() fails with it.
   */
  pool(config?: Omit<PoolConfig, 'connectionString'>): Pool;
  /**
   * Ends the pools of pool(), waits until no session of anything else the spec closed (DataSources,
   * runtimes, runners) remains, and drops the database without FORCE. A session still open after
   * that is a leak: the drop names it, removes the database anyway and fails.
   */
  drop(): Promise<void>;
}

/** How long the sessions of closed pools may take to leave before they count as leaked. */
const SESSIONS_LEAVE_WITHIN_MS = 5_000;

interface TrackedPool {
  pool: Pool;
  open: Set<PoolClient>;
  closed: () => void;
  unhandled: Error[];
}

/**
 * pg's Pool.end() resolves once it has asked its connections to end, not once they have
 * (node-postgres#2328): their server sessions can outlive it by a few milliseconds, longer on a
 * loaded machine. A `DROP DATABASE … WITH (FORCE)` in that window terminates them and the pool
 * re-emits the 57P01 as an 'error' event — unhandled, it failed a suite whose tests all passed.
 * So this waits for the pool's 'remove' of every connection it opened (emitted when the socket
 * has closed).
 */
function trackedPool(url: string, config: Omit<PoolConfig, 'connectionString'>): TrackedPool {
  const pool = new Pool({ application_name: 'test-support pool', ...config, connectionString: url });
  const tracked: TrackedPool = { pool, open: new Set(), closed: () => undefined, unhandled: [] };
  pool.on('connect', (client) => tracked.open.add(client));
  pool.on('remove', (client) => {
    tracked.open.delete(client);
    if (tracked.open.size === 0) tracked.closed();
  });
  pool.on('error', (error) => {
    // a spec's own listener handles it; otherwise it would have been an unhandled 'error'
    if (pool.listenerCount('error') === 1) tracked.unhandled.push(error);
  });
  return tracked;
}

async function endAndWait(tracked: TrackedPool): Promise<void> {
  const { pool, open } = tracked;
  const allClosed = new Promise<void>((resolve) => {
    tracked.closed = resolve;
    if (open.size === 0) resolve();
  });
  if (!pool.ending) await pool.end();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`a test pool still has ${open.size} connection(s) after end()`)),
      SESSIONS_LEAVE_WITHIN_MS,
    );
  });
  try {
    await Promise.race([allClosed, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface Session {
  pid: number;
  application_name: string;
  state: string | null;
  query: string;
}

const sessionsOf = async (admin: Client, name: string): Promise<Session[]> =>
  (
    await admin.query<Session>(
      `SELECT pid, application_name, state, query FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [name],
    )
  ).rows;

/** Waits until the database has no session; answers those left when the time is up. */
async function sessionsLeft(admin: Client, name: string): Promise<Session[]> {
  const until = Date.now() + SESSIONS_LEAVE_WITHIN_MS;
  for (;;) {
    const sessions = await sessionsOf(admin, name);
    if (sessions.length === 0 || Date.now() >= until) return sessions;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const describeSessions = (sessions: Session[]) =>
  sessions
    .map(
      (s) =>
        `pid ${s.pid} (${s.application_name || 'no application_name'}, ${s.state}): ${s.query.slice(0, 120)}`,
    )
    .join('; ');

/** A fresh, empty database on the run's PostgreSQL (see global-setup.js). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (global setup)');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pools: TrackedPool[] = [];
  let dropped = false;
  return {
    url: url.toString(),
    pool: (config = {}) => {
      if (dropped) throw new Error(`test database ${name} is already dropped`);
      const tracked = trackedPool(url.toString(), config);
      pools.push(tracked);
      return tracked.pool;
    },
    drop: async () => {
      if (dropped) return;
      dropped = true;
      // connected first, so what follows the pools' end() comes as soon as it can: the worst case
      const client = new Client({ connectionString: serverUrl });
      client.on('error', () => undefined); // its queries still fail if the server goes
      await client.connect();
      const problems: string[] = [];
      try {
        for (const result of await Promise.allSettled(pools.map(endAndWait)))
          if (result.status === 'rejected') problems.push(String(result.reason));
        const left = await sessionsLeft(client, name);
        if (left.length === 0) {
          try {
            // without FORCE: the server waits a few seconds for a session that is just leaving
            await client.query(`DROP DATABASE IF EXISTS ${name}`);
          } catch (error) {
            if ((error as { code?: string }).code !== '55006') throw error; // 55006: object in use
            left.push(...(await sessionsOf(client, name)));
            // gone in between: dropped as planned, without FORCE
            if (left.length === 0) await client.query(`DROP DATABASE IF EXISTS ${name}`);
          }
        }
        if (left.length > 0) {
          problems.push(
            `${left.length} session(s) still open ${SESSIONS_LEAVE_WITHIN_MS} ms after the spec closed ` +
              `everything (a connection leak: stop what holds them before drop()): ${describeSessions(left)}`,
          );
          await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        }
      } finally {
        await client.end();
      }
      for (const error of pools.flatMap((p) => p.unhandled))
        problems.push(`a test pool's idle connection failed with nobody listening: ${error.message}`);
      if (problems.length > 0) throw new Error(`test database ${name}: ${problems.join('\n')}`);
    },
  };
}
