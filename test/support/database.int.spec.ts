import { Client } from 'pg';
import { createTestDatabase } from './database';

const admin = async () => {
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  return client;
};
const exists = async (url: string) => {
  const client = await admin();
  try {
    const name = new URL(url).pathname.slice(1);
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rows.length === 1;
  } finally {
    await client.end();
  }
};

/**
 * The per-spec database: pg's Pool.end() resolves before its sessions have left the server
 * (node-postgres#2328), and the old drop terminated them WITH (FORCE) — an unhandled 57P01 on an
 * idle client of an already ended pool. The drop now waits for the spec's sessions to leave, never
 * terminates one of them silently, and tells a leak.
 */
describe('createTestDatabase', () => {
  it('drops as soon as a busy pool has ended, ten times, with no session terminated', async () => {
    const errors: Error[] = [];
    for (let round = 0; round < 10; round++) {
      const db = await createTestDatabase();
      const pool = db.pool({ max: 8 });
      pool.on('error', (error) => errors.push(error));
      await Promise.all(Array.from({ length: 8 }, () => pool.query('SELECT pg_sleep(0.01)')));
      expect(pool.totalCount).toBe(8);
      // the worst case: drop() ends the pool and its DROP follows at once on a connection made before
      await db.drop();
      expect(await exists(db.url)).toBe(false);
    }
    await new Promise((resolve) => setTimeout(resolve, 50)); // an 'error' would come after the drop
    expect(errors).toEqual([]);
  });

  it('waits for sessions slow to leave after their pool ended, instead of terminating them', async () => {
    // the worst case of a loaded machine made certain: the pool's server processes are stopped
    // before they can read the pool's goodbye, and go on only after the drop has begun
    const db = await createTestDatabase();
    const pool = db.pool({ max: 4, application_name: 'slow-to-leave' });
    const errors: Error[] = [];
    pool.on('error', (error) => errors.push(error));
    await Promise.all([1, 2, 3, 4].map(() => pool.query('SELECT pg_sleep(0.01)')));
    const client = await admin();
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE application_name = 'slow-to-leave'`,
    );
    await client.end();
    expect(rows).toHaveLength(4);
    const signal = (name: NodeJS.Signals) => {
      for (const { pid } of rows)
        try {
          process.kill(pid, name);
        } catch {
          // already gone
        }
    };
    signal('SIGSTOP');
    const resume = setTimeout(() => signal('SIGCONT'), 300);
    try {
      await db.drop();
    } finally {
      clearTimeout(resume);
      signal('SIGCONT');
    }
    expect(await exists(db.url)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(errors).toEqual([]);
  });

  it("ends the pools the spec did not end and waits until every connection's socket has closed", async () => {
    const db = await createTestDatabase();
    const pool = db.pool({ max: 3 });
    await Promise.all([1, 2, 3].map(() => pool.query('SELECT 1')));
    const closed: unknown[] = [];
    pool.on('remove', (client) => closed.push(client));
    await db.drop();
    expect(pool.ending).toBe(true);
    expect(closed).toHaveLength(3);
    expect(() => db.pool()).toThrow(/already dropped/);
  });

  it('fails, naming the session, when the spec left a connection open, and removes the database anyway', async () => {
    const db = await createTestDatabase();
    const leaked = new Client({ connectionString: db.url, application_name: 'leaked-by-the-spec' });
    const lost: Error[] = [];
    leaked.on('error', (error) => lost.push(error));
    await leaked.connect();
    await expect(db.drop()).rejects.toThrow(/1 session\(s\) still open .*leaked-by-the-spec/);
    expect(await exists(db.url)).toBe(false);
    await leaked.end().catch(() => undefined);
  }, 20_000);

  it("fails with an idle connection's error nobody listened to, instead of an unhandled 'error' event", async () => {
    const db = await createTestDatabase();
    const pool = db.pool({ max: 1, application_name: 'killed-idle' });
    await pool.query('SELECT 1');
    const client = await admin();
    await client.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'killed-idle'`,
    );
    await client.end();
    await new Promise((resolve) => setTimeout(resolve, 100)); // the FATAL reaches the idle client
    await expect(db.drop()).rejects.toThrow(
      /idle connection failed with nobody listening: terminating connection/,
    );
    expect(await exists(db.url)).toBe(false);
  });

  it("leaves an idle connection's error to the spec's own listener", async () => {
    const db = await createTestDatabase();
    const pool = db.pool({ max: 1, application_name: 'killed-idle-heard' });
    const heard: Error[] = [];
    pool.on('error', (error) => heard.push(error));
    await pool.query('SELECT 1');
    const client = await admin();
    await client.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'killed-idle-heard'`,
    );
    await client.end();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await db.drop();
    expect(heard.map((e) => (e as Error & { code?: string }).code)).toEqual(['57P01']);
  });
});
