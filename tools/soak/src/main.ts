import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { JwtService } from '@nestjs/jwt';

/**
 * `npm run soak`: a few minutes (SOAK_SECONDS, default 180) of the compiled service on its own
 * DATA_DIR and embedded PostgreSQL, reached over loopback only, mixing keyed payments, payment
 * promises, clock moves that make the scheduler fire deadlines, projection rebuilds and kill -9
 * restarts of the whole process group. Then it checks: no acknowledged command lost, none applied
 * twice, stream versions contiguous, projections converged with the streams, no failed deadline,
 * no parked projection. Prints what it checked; exits 1 on any failure.
 */
const root = resolve(__dirname, '../../../..');
const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const CLIENTS = 6;
const WORKERS = 4;
const SECRET = 'soak-secret-of-at-least-thirty-two-characters!';
const jwt = new JwtService({ secret: SECRET });
const token = (sub: string, role: string) =>
  `Bearer ${jwt.sign({ sub, ric: '444', roles: [role] }, { algorithm: 'HS256', expiresIn: '8h' })}`;
const ADMIN = token('soak-admin', 'ADMIN');
const ROS = token('ros-1', 'ROS');

const freePort = () =>
  new Promise<number>((done) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Service {
  child: ChildProcess;
  url: string;
}

class Soak {
  private service: Service | null = null;
  private clock = new Date('2026-03-29T09:00:00+03:00');
  private readonly acknowledged = new Map<
    string,
    { clientId: string; paymentId: string; position: string }
  >();
  private readonly counts = { commands: 0, refused: 0, unavailable: 0, rebuilds: 0, kills: 0, clockMoves: 0 };
  private readonly problems: string[] = [];

  constructor(
    private readonly dataDir: string,
    private readonly port: number,
    private readonly pgPort: number,
  ) {}

  async start(): Promise<void> {
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      DATA_DIR: this.dataDir,
      PORT: String(this.port),
      EMBEDDED_PG_PORT: String(this.pgPort),
      AUTH_SECRET: SECRET,
      CLOCK: 'manual',
      CLOCK_START: this.clock.toISOString(),
      SCHEDULER_TICK_MS: '200',
      LOG_LEVEL: 'warn',
    };
    // its own process group, so that kill -9 takes the embedded PostgreSQL down with it (a crash)
    const child = spawn(process.execPath, ['-r', './tools/register-paths.js', 'dist/apps/api/src/main.js'], {
      cwd: root,
      env,
      stdio: 'ignore',
      detached: true,
    });
    const url = `http://127.0.0.1:${this.port}`;
    for (const deadline = Date.now() + 120_000; ;) {
      if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
      const res = await fetch(`${url}/health`).catch(() => null);
      if (res?.status === 200) break;
      if (Date.now() > deadline) throw new Error('the service did not become healthy in time');
      await sleep(250);
    }
    this.service = { child, url };
  }

  crash(): void {
    const pid = this.service?.child.pid;
    this.service = null;
    if (pid) process.kill(-pid, 'SIGKILL');
    this.counts.kills++;
  }

  async stop(): Promise<void> {
    const child = this.service?.child;
    this.service = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    process.kill(-child.pid!, 'SIGTERM');
    await Promise.race([exited, sleep(20_000)]);
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
  }

  private async call(method: string, path: string, auth: string, body?: unknown, key?: string) {
    if (!this.service) return null;
    try {
      const res = await fetch(`${this.service.url}/api/v1${path}`, {
        method,
        headers: {
          Authorization: auth,
          'Content-Type': 'application/json',
          ...(key ? { 'Idempotency-Key': key } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
    } catch {
      return null; // the service is down (killed) or slow: the outcome is unknown
    }
  }

  private today(): string {
    return new Date(this.clock.getTime() + 3 * 3600_000).toISOString().slice(0, 10);
  }

  async registerClients(): Promise<void> {
    for (let i = 0; i < CLIENTS; i++) {
      const body = {
        clientId: `c-${i}`,
        name: `Soak ${i}`,
        monthlyFee: 10000,
        category: 'B',
        kppId: 'kpp-1',
        pmId: 'pm-1',
      };
      const res = await this.call('POST', '/clients', ADMIN, body, `register-c-${i}`);
      if (res?.status !== 201) throw new Error(`registering c-${i}: ${JSON.stringify(res)}`);
      // a debt, so that payment promises are accepted and set deadlines for the scheduler
      const invoice = { invoiceId: `inv-${i}`, amount: 10000, issuedOn: this.today() };
      const issued = await this.call('POST', `/clients/c-${i}/invoices`, ADMIN, invoice, `invoice-c-${i}`);
      if (issued?.status !== 201) throw new Error(`invoicing c-${i}: ${JSON.stringify(issued)}`);
    }
  }

  /** One keyed payment, sent again with the same key until the answer is known. */
  async pay(): Promise<void> {
    const clientId = `c-${Math.floor(Math.random() * CLIENTS)}`;
    const paymentId = randomUUID();
    const body = { paymentId, amount: 1, paidOn: this.today() };
    for (let tries = 0; tries < 200; tries++) {
      const res = await this.call('POST', `/clients/${clientId}/payments`, ADMIN, body, paymentId);
      if (res && res.status === 201) {
        this.counts.commands++;
        this.acknowledged.set(paymentId, { clientId, paymentId, position: String(res.body.position) });
        return;
      }
      if (res && res.status < 500) {
        this.counts.refused++;
        return;
      }
      this.counts.unavailable++;
      await sleep(250);
    }
  }

  async promise(): Promise<void> {
    const clientId = `c-${Math.floor(Math.random() * CLIENTS)}`;
    const promisedOn = new Date(this.clock.getTime() + 4 * 86_400_000).toISOString().slice(0, 10);
    const res = await this.call('POST', `/clients/${clientId}/payment-promises`, ROS, {
      promisedOn,
      remind: true,
    });
    if (res?.status === 201) this.counts.commands++;
    else if (res && res.status < 500) this.counts.refused++;
  }

  /** Moves the manual clock a day on; answers once every deadline due by then has fired. */
  async moveClock(): Promise<void> {
    const next = new Date(this.clock.getTime() + 86_400_000);
    const res = await this.call('POST', '/admin/clock', ADMIN, { now: next.toISOString() });
    if (res?.status === 201) {
      this.clock = next;
      this.counts.clockMoves++;
    }
  }

  async rebuild(name: string): Promise<void> {
    const res = await this.call('POST', `/admin/projections/${name}/rebuild`, ADMIN);
    if (res?.status === 201) this.counts.rebuilds++;
  }

  async run(): Promise<void> {
    const end = Date.now() + SECONDS * 1000;
    const workers = Array.from({ length: WORKERS }, async () => {
      while (Date.now() < end) {
        if (Math.random() < 0.1) await this.promise();
        else await this.pay();
      }
    });
    const chaos = (async () => {
      for (let tick = 1; Date.now() < end; tick++) {
        await sleep(1000);
        if (tick % 7 === 0) await this.moveClock();
        if (tick % 23 === 0) void this.rebuild(tick % 2 ? 'clients' : 'deadlines');
        if (tick % 41 === 0 && Date.now() < end - 20_000) {
          this.crash();
          await sleep(500);
          await this.start();
        }
      }
    })();
    await Promise.all([...workers, chaos]);
  }

  private check(ok: boolean, line: string): void {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${line}`);
    if (!ok) this.problems.push(line);
  }

  async verify(): Promise<boolean> {
    const head = [...this.acknowledged.values()].reduce(
      (max, a) => (BigInt(a.position) > max ? BigInt(a.position) : max),
      0n,
    );
    let fired = 0;
    for (let i = 0; i < CLIENTS; i++) {
      const clientId = `c-${i}`;
      const history = await this.call('GET', `/clients/${clientId}/history`, ADMIN);
      const events = (history?.body.events ?? []) as Array<{
        type: string;
        streamVersion: number;
        data: { paymentId?: string };
        metadata: { eventId: string };
      }>;
      const versions = events.map((e) => e.streamVersion);
      this.check(
        versions.every((v, n) => v === n + 1),
        `${clientId}: ${events.length} events, stream versions 1..${events.length} without gaps`,
      );
      const ids = events.map((e) => e.metadata.eventId);
      this.check(new Set(ids).size === ids.length, `${clientId}: no event recorded twice`);
      const payments = events.filter((e) => e.type === 'PaymentReceived').map((e) => e.data.paymentId!);
      this.check(
        new Set(payments).size === payments.length,
        `${clientId}: no payment applied twice (${payments.length} payments)`,
      );
      const acked = [...this.acknowledged.values()].filter((a) => a.clientId === clientId);
      const lost = acked.filter((a) => !payments.includes(a.paymentId));
      this.check(
        lost.length === 0,
        `${clientId}: all ${acked.length} acknowledged payments are in the stream (${lost.length} lost)`,
      );
      fired += events.filter((e) => e.type === 'DeadlineFired').length;
      const projected = await this.call('GET', `/clients/${clientId}?minPosition=${head}`, ADMIN);
      const folded = await this.call(
        'GET',
        `/clients/${clientId}/state?at=${encodeURIComponent(new Date(this.clock.getTime() + 1000).toISOString())}`,
        ADMIN,
      );
      const fields = (b: Record<string, unknown> | undefined) =>
        JSON.stringify([b?.unpaid, b?.debtMonths, b?.lifecycle, b?.responsible]);
      this.check(
        projected?.status === 200 && fields(projected.body) === fields(folded?.body),
        `${clientId}: the projection converged with the stream (unpaid ${String(projected?.body?.unpaid)})`,
      );
    }
    this.check(
      fired > 0,
      `the scheduler fired ${fired} deadlines across ${this.counts.clockMoves} clock moves`,
    );
    const failed = await this.call('GET', '/admin/deadlines?status=failed', ADMIN);
    this.check(
      failed?.status === 200 && (failed.body.deadlines as unknown[]).length === 0,
      'no failed deadlines',
    );
    const projections = await this.call('GET', '/admin/projections', ADMIN);
    const statuses = ((projections?.body.projections ?? []) as Array<{ name: string; status: string }>).map(
      (p) => `${p.name}:${p.status}`,
    );
    this.check(
      statuses.length > 0 && statuses.every((s) => s.endsWith(':running')),
      `projections running (${statuses.join(', ')})`,
    );
    const health = await fetch(`${this.service!.url}/health`);
    this.check(health.status === 200, `/health answers ${health.status}`);
    return this.problems.length === 0;
  }

  summary(): string {
    const c = this.counts;
    return `${SECONDS}s: ${this.acknowledged.size} acknowledged payments, ${c.commands} commands accepted, ${c.refused} refused by rules, ${c.unavailable} unanswered tries (service down), ${c.rebuilds} rebuilds, ${c.clockMoves} clock moves, ${c.kills} kill -9 restarts`;
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-soak-'));
  const soak = new Soak(dataDir, await freePort(), await freePort());
  let passed = false;
  try {
    await soak.start();
    await soak.registerClients();
    await soak.run();
    console.log(soak.summary());
    passed = await soak.verify();
  } finally {
    await soak.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(passed ? 'soak passed' : 'soak FAILED');
  process.exitCode = passed ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
