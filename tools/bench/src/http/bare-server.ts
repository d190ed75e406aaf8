import { createServer } from 'node:http';
import { Pool } from 'pg';
import { readConfig, startEmbeddedPostgres } from '@ledger/platform';

/**
 * The bare loop issue 13 compares the service with: node:http + pg, one transaction per request
 * (BEGIN; SELECT the stream's version; INSERT the event; COMMIT) on its own embedded PostgreSQL,
 * started exactly as the service starts its own. Run as a child process of the bench:
 * `node bare-server.js <dataDir> <pgPort> <httpPort>`; prints `ready` once it listens.
 */
async function main(): Promise<void> {
  const [dataDir, pgPort, httpPort] = process.argv.slice(2);
  const db = await startEmbeddedPostgres(dataDir!, Number(pgPort), () => undefined, {
    sharedDir: readConfig().embeddedPostgresSharedDir,
  });
  // the service's pool size (libs/platform/src/runtime.ts)
  const pool = new Pool({ connectionString: db.url, max: 16 });
  await pool.query(`CREATE TABLE IF NOT EXISTS bare_events (position bigserial PRIMARY KEY, stream_id text NOT NULL,
    version integer NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
    UNIQUE (stream_id, version))`);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const stream = req.url ?? '/';
        const body = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const { rows } = await client.query<{ v: number }>(
            'SELECT coalesce(max(version), 0) AS v FROM bare_events WHERE stream_id = $1',
            [stream],
          );
          const inserted = await client.query<{ position: string }>(
            `INSERT INTO bare_events (stream_id, version, type, data, metadata) VALUES ($1, $2, $3, $4, $5)
             RETURNING position::text`,
            [
              stream,
              rows[0]!.v + 1,
              'PaymentReceived',
              JSON.stringify(body),
              JSON.stringify({ at: new Date() }),
            ],
          );
          await client.query('COMMIT');
          res.writeHead(201, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ streamVersion: rows[0]!.v + 1, position: inserted.rows[0]!.position }));
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          res.writeHead(500);
          res.end(String(error));
        } finally {
          client.release();
        }
      })();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(httpPort), '127.0.0.1', () => process.stdout.write('ready\n'));
  const stop = () => {
    server.close();
    void pool
      .end()
      .then(() => db.stop())
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
