import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * What a newcomer gets from `npm start`: the compiled service on the embedded PostgreSQL in DATA_DIR,
 * a token from `npm run token`, a clean stop on SIGTERM, and the data still there after a restart.
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
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-smoke-'));
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
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const start = async (): Promise<ChildProcess> => {
    const child = node('dist/apps/api/src/main.js', [], env);
    let output = '';
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

  const token = () =>
    execFileSync(
      process.execPath,
      [
        '-r',
        './tools/register-paths.js',
        'dist/apps/api/src/token.js',
        '--sub',
        'ros-1',
        '--ric',
        '444',
        '--role',
        'ROS',
      ],
      { cwd: root, env },
    )
      .toString()
      .trim();

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
});
