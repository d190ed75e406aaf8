import { chmodSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import {
  LedgerRuntime,
  PostgresServer,
  createLedgerRuntime,
  isRoot,
  packagedBinaries,
  postgresUser,
  reachableBinaries,
  readConfig,
  startEmbeddedPostgres,
} from '@ledger/platform';
import { createApp } from '../create-app';
import { clientBody } from '@ledger/test-support';

/**
 * A database given by DATABASE_URL goes away and comes back: meanwhile every request answers 503
 * with Retry-After (not 500), /health names the database, and service resumes by itself.
 */
const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

describe('an outside database that goes away and comes back', () => {
  jest.setTimeout(90_000);
  let folder: string;
  let server: PostgresServer;
  let runtime: LedgerRuntime;
  let app: INestApplication;
  let auth: { Authorization: string };

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-outage-'));
    const dataDir = join(folder, 'data');
    const port = await freePort();
    // As root, binaries and cluster go where the postgres user can reach them: here, thrown away after.
    const sharedDir = join(folder, 'shared');
    chmodSync(folder, 0o755);
    // A cluster made the way `npm start` makes one, then run by hand so the test can stop it.
    const made = await startEmbeddedPostgres(dataDir, port, () => undefined, {
      sharedDir,
    });
    await made.stop();
    const user = isRoot() ? postgresUser() : null;
    server = new PostgresServer({
      binaries: user ? reachableBinaries(packagedBinaries(), user, sharedDir) : packagedBinaries(),
      clusterDir: realpathSync(join(dataDir, 'pg')),
      port,
      user,
      log: () => undefined,
      restartDelaysMs: [],
    });
    await server.start();
    runtime = await createLedgerRuntime(
      readConfig({
        NODE_ENV: 'test',
        DATABASE_URL: made.url,
        DATA_DIR: dataDir,
        AUTH_SECRET: 'test-secret-of-at-least-thirty-two-characters',
        SCHEDULER_TICK_MS: '100',
      }),
    );
    app = await createApp(runtime, { logger: false });
    await app.init();
    runtime.startBackground();
    const token = new JwtService({ secret: runtime.authSecret }).sign(
      { sub: 'ros-1', ric: '444', roles: ['ROS'] },
      { algorithm: 'HS256', expiresIn: '1h' },
    );
    auth = { Authorization: `Bearer ${token}` };
  });

  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const http = () => request(app.getHttpServer());

  it('answers 503 with Retry-After while it is down, and serves again once it is back', async () => {
    const registered = await http().post('/api/v1/clients').set(auth).send(clientBody('c-1')).expect(201);

    await server.stop();
    const command = await http().post('/api/v1/clients').set(auth).send(clientBody('c-2'));
    expect(command.status).toBe(503);
    expect(command.headers['retry-after']).toMatch(/^\d+$/);
    expect(command.body.error).toMatch(/^the database is unavailable \(.+\); try again shortly$/);
    const read = await http().get('/api/v1/clients/c-1').set(auth);
    expect(read.status).toBe(503);
    expect(read.headers['retry-after']).toMatch(/^\d+$/);
    const health = await http().get('/health');
    expect(health.status).toBe(503);
    expect(health.headers['retry-after']).toMatch(/^\d+$/);
    expect(health.body.details.database).toMatchObject({ status: 'down', message: expect.any(String) });

    await server.start();
    const deadline = Date.now() + 30_000;
    while ((await http().get('/health')).status !== 200) {
      if (Date.now() > deadline) throw new Error('the service did not recover');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // c-1 may not have been projected before the stop: its read waits for its position (the
    // projector retries a second after the outage; a plain GET waits one second at most)
    await http().get(`/api/v1/clients/c-1?minPosition=${registered.body.position}`).set(auth).expect(200);
    await http().post('/api/v1/clients').set(auth).send(clientBody('c-2')).expect(201);
    const projections = await http().get('/health').expect(200);
    expect(projections.body.details.projector.status).toBe('up');
  });
});
