import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

/**
 * What a newcomer gets from `npm start`: the compiled service on the embedded PostgreSQL in DATA_DIR,
 * a token from `npm run token`, a clean stop on SIGTERM, and the data still there after a restart.
 * DATA_DIR sits inside a folder only its owner may enter (as in a clone in root's home or a
 * `mktemp -d` folder): as root, PostgreSQL runs as the postgres user, which must still reach it.
 */
const root = resolve(__dirname, '../..');
const node = (script: string, args: string[], env: NodeJS.ProcessEnv) =>
  spawn(process.execPath, ['-r', './tools/register-paths.js', script, ...args], {
    cwd: root,
    env,
    stdio: 'pipe',
  });

const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

describe('npm start (compiled service, embedded PostgreSQL)', () => {
  jest.setTimeout(180_000);
  let privateFolder: string;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let port: number;

  beforeAll(async () => {
    if (!existsSync(join(root, 'dist/apps/api/src/main.js'))) {
      execFileSync(
        process.execPath,
        [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
        { cwd: root },
      );
    }
    privateFolder = mkdtempSync(join(tmpdir(), 'ledger-smoke-'));
    expect(statSync(privateFolder).mode & 0o777).toBe(0o700);
    dataDir = join(privateFolder, 'data');
    port = await freePort();
    const { DATABASE_URL: _ignored, TEST_DATABASE_URL: _alsoIgnored, ...rest } = process.env;
    env = {
      ...rest,
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(await freePort()),
    };
  });
  afterAll(() => {
    // As root the cluster lives where the postgres user can reach it; DATA_DIR/pg links to it.
    const link = join(dataDir, 'pg');
    if (existsSync(link) && lstatSync(link).isSymbolicLink()) {
      rmSync(realpathSync(link), { recursive: true, force: true });
    }
    rmSync(privateFolder, { recursive: true, force: true });
  });

  /** What the last started service has printed so far. */
  let output = '';
  const start = async (extraEnv: NodeJS.ProcessEnv = {}): Promise<ChildProcess> => {
    const child = node('dist/apps/api/src/main.js', [], { ...env, ...extraEnv });
    output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the service exited: ${output}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        if (res.status === 200) return child;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`no health in time: ${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  const stop = (child: ChildProcess) =>
    new Promise<number | null>((done) => {
      child.once('exit', (code) => done(code));
      child.kill('SIGTERM');
    });

  const script = (name: string, ...args: string[]) =>
    execFileSync(
      process.execPath,
      ['-r', './tools/register-paths.js', `dist/apps/api/src/${name}.js`, ...args],
      {
        cwd: root,
        env,
        stdio: 'pipe',
      },
    )
      .toString()
      .trim();
  const token = () => script('token', '--sub', 'ros-1', '--ric', '444', '--role', 'ROS');

  it('serves, stops cleanly, and keeps its data across a restart', async () => {
    let service = await start();
    const headers = { Authorization: `Bearer ${token()}`, 'Content-Type': 'application/json' };
    const created = await fetch(`http://127.0.0.1:${port}/api/v1/clients`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        clientId: 'c-1',
        name: 'Ромашка',
        monthlyFee: 10000,
        category: 'A',
        kppId: 'kpp-1',
        pmId: 'pm-1',
      }),
    });
    expect(created.status).toBe(201);

    // The operator's connection URL works, with the generated password, not the old fixed one.
    const url = script('db-url');
    expect(url).toMatch(/^postgres:\/\/postgres:[A-Za-z0-9_-]{32}@127\.0\.0\.1:\d+\/ledger$/);
    const psql = new Client({ connectionString: url });
    await psql.connect();
    try {
      const { rows } = await psql.query('SELECT current_user AS owner, current_database() AS db');
      expect(rows).toEqual([{ owner: 'postgres', db: 'ledger' }]);
    } finally {
      await psql.end();
    }
    // A token the server would refuse is not printed at all.
    expect(() => script('token', '--sub', 'ros-1', '--ric', '444', '--role', 'ROS', '--ttl', '12h')).toThrow(
      /longer than AUTH_MAX_TOKEN_TTL \(8h\)/,
    );
    expect(await stop(service)).toBe(0);

    service = await start();
    try {
      const read = await fetch(`http://127.0.0.1:${port}/api/v1/clients/c-1`, { headers });
      expect(read.status).toBe(200);
      expect(await read.json()).toMatchObject({ clientId: 'c-1', name: 'Ромашка' });
    } finally {
      expect(await stop(service)).toBe(0);
    }
  });

  it('runs the projector on a thread of its own: read-your-writes, health, one log line per request, clean stop', async () => {
    const service = await start({ LOG_LEVEL: 'info' });
    try {
      expect(output).toMatch(/projector: own thread/);
      // Nest's startup lines (buffered in the service log) come before the service says it listens
      const started = output.indexOf('Nest application successfully started');
      expect(started).toBeGreaterThan(-1);
      expect(started).toBeLessThan(output.indexOf('[ledger] listening on http'));
      const headers = { Authorization: `Bearer ${token()}`, 'Content-Type': 'application/json' };
      const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
        details: { projector: { status: string; running: boolean } };
      };
      expect(health.details.projector).toMatchObject({ status: 'up', running: true });
      // each new client read back at once through ?minPosition: the GET waits for the thread's projection
      for (const n of [1, 2, 3]) {
        const clientId = `c-thread-${n}`;
        const created = await fetch(`http://127.0.0.1:${port}/api/v1/clients`, {
          method: 'POST',
          headers: { ...headers, 'X-Correlation-Id': `smoke-${n}` },
          body: JSON.stringify({
            clientId,
            name: `Клиент ${n}`,
            monthlyFee: 10000,
            category: 'A',
            kppId: 'kpp-1',
            pmId: 'pm-1',
          }),
        });
        expect(created.status).toBe(201);
        const { position } = (await created.json()) as { position: string };
        const read = await fetch(
          `http://127.0.0.1:${port}/api/v1/clients/${clientId}?minPosition=${position}`,
          {
            headers,
          },
        );
        expect(read.status).toBe(200);
        expect(await read.json()).toMatchObject({ clientId, name: `Клиент ${n}` });
      }
    } finally {
      expect(await stop(service)).toBe(0);
    }
    // one line per request, with method, URL, status, time and correlation id (flushed by the stop)
    const lines = output
      .split('\n')
      .filter((l) => l.includes('"request completed"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({
        req: expect.objectContaining({ method: 'POST', url: '/api/v1/clients' }),
        res: { statusCode: 201 },
        correlationId: 'smoke-2',
        responseTime: expect.any(Number),
      }),
    );
    expect(output).not.toMatch(/Bearer /);
  });

  it('starts a killed embedded PostgreSQL again: 503 with Retry-After meanwhile, data intact; SIGTERM still stops', async () => {
    const service = await start();
    let exited = false;
    service.once('exit', () => (exited = true));
    const headers = { Authorization: `Bearer ${token()}`, 'Content-Type': 'application/json' };
    const post = (clientId: string) =>
      fetch(`http://127.0.0.1:${port}/api/v1/clients`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          clientId,
          name: clientId,
          monthlyFee: 1,
          category: 'A',
          kppId: 'k',
          pmId: 'p',
        }),
      });
    const health = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      const body = (await res.json()) as { details?: { database?: { message?: string } } };
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
    };
    const postmaster = () =>
      Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    // Kill the postmaster and keep its folder away, so it stays down until the test gives it back.
    const cluster = realpathSync(join(dataDir, 'pg'));
    const crash = async () => {
      process.kill(postmaster(), 'SIGKILL');
      renameSync(cluster, `${cluster}.away`);
      const deadline = Date.now() + 10_000;
      for (;;) {
        const h = await health();
        if (h.status === 503 && /restarting it, attempt \d+/.test(h.body.details?.database?.message ?? ''))
          return h;
        if (Date.now() > deadline)
          throw new Error(`health never said the database is restarting: ${JSON.stringify(h)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      expect((await post('c-2')).status).toBe(201);

      const down = await crash();
      expect(down.retryAfter).toMatch(/^\d+$/);
      expect(down.body.details?.database?.message).toMatch(
        /the embedded PostgreSQL exited \(signal SIGKILL\)/,
      );
      const refused = await post('c-3');
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await refused.json()) as { error: string }).error).toMatch(
        /^the database is unavailable \(.*restarting.*\); try again shortly$/,
      );

      renameSync(`${cluster}.away`, cluster);
      const deadline = Date.now() + 30_000;
      while ((await health()).status !== 200) {
        if (Date.now() > deadline) throw new Error('the service did not recover');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(exited).toBe(false);
      const read = await fetch(`http://127.0.0.1:${port}/api/v1/clients/c-2`, { headers });
      expect(read.status).toBe(200);
      expect((await post('c-3')).status).toBe(201);

      // Down again: SIGTERM stops the process promptly all the same.
      await crash();
      const asked = Date.now();
      const code = await stop(service);
      expect(Date.now() - asked).toBeLessThan(5_000);
      expect(code).toBe(0);
    } finally {
      if (existsSync(`${cluster}.away`)) renameSync(`${cluster}.away`, cluster);
      if (!exited) await stop(service);
    }

    const again = await start();
    try {
      for (const id of ['c-1', 'c-2', 'c-3']) {
        const read = await fetch(`http://127.0.0.1:${port}/api/v1/clients/${id}`, { headers });
        expect(read.status).toBe(200);
      }
    } finally {
      expect(await stop(again)).toBe(0);
    }
  });

  it('leaves no PostgreSQL behind when it fails to start after starting the database', async () => {
    // The HTTP port is taken: the database is up by the time listening fails, and the process exits 1.
    const squatter = createServer();
    await new Promise<void>((done) => squatter.listen(port, done));
    try {
      const child = node('dist/apps/api/src/main.js', [], env);
      let output = '';
      child.stderr!.on('data', (d) => (output += d));
      const code = await new Promise<number | null>((done) => child.once('exit', (c) => done(c)));
      expect(code).toBe(1);
      expect(output).toMatch(/EADDRINUSE/);
    } finally {
      await new Promise((done) => squatter.close(done));
    }
    const lock = join(dataDir, 'pg', 'postmaster.pid');
    const deadline = Date.now() + 15_000;
    while (existsSync(lock)) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL still runs: ${readFileSync(lock, 'utf8')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // And the next start finds its data folder free.
    expect(await stop(await start())).toBe(0);
  });
});
