import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoadFigures, LoadRequest, LoadTally, runLoad, sendAll } from './http/load';
import { Child, ProjectorLag, startBare, startService } from './http/service';

/**
 * Issue 13 items 1 and 6: POST /payments through the service as `npm start` serves it, beside a bare
 * node:http + pg loop, each on its own embedded PostgreSQL, 32 connections, without and with an
 * Idempotency-Key; the projector's lag and the service's resident memory after each round.
 * Ports 55410-55413 unless BENCH_HTTP_PORT (four from it; six with a baseline).
 * BENCH_HTTP_BASELINE_ROOT=<checkout>: that build's service runs beside this one in the same slices
 * (its own embedded PostgreSQL), so old and new code are compared under the same load;
 * BENCH_HTTP_BASELINE_ENV='A=1 B=2' sets variables for it alone (e.g. this build with PROJECTOR_THREAD=0).
 */
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 32);
const CLIENTS = 200;
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 3);
/** The three runs take turns in slices this long (SECONDS each in all, per round). */
const SLICE_SECONDS = 2;
const RIC = '444';
const BASELINE_ROOT = process.env.BENCH_HTTP_BASELINE_ROOT;

const parseEnv = (text = ''): Record<string, string> =>
  Object.fromEntries(
    text
      .split(' ')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** An HS256 token as the service expects it (sub, ric, roles, iat, exp within the maximum TTL). */
function token(secret: string, claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const head = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(
    JSON.stringify({ ...claims, iat: now, exp: now + 3600 }),
  )}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/** RSS now, then what survives a full GC; BENCH_HTTP_HEAP_SNAPSHOTS=<dir> writes a snapshot each time. */
async function memoryLine(service: Child): Promise<string> {
  const rss = service.rssMiB();
  const m = await service.memory();
  return (
    `RSS ${rss} MiB; after GC: RSS ${Math.round(m.rssMiB)} MiB, heap used ${m.heapUsedMiB} MiB` +
    ` (of ${m.heapTotalMiB}), external ${m.externalMiB} MiB, malloced ${m.mallocedMiB} MiB`
  );
}

const figures = (f: LoadFigures) =>
  `${f.perSecond} commands/s, p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms` +
  (f.errors > 0 ? `, ${f.errors} errors (${f.firstError})` : '');

export async function benchHttp(line: (label: string, value: string) => void): Promise<void> {
  const portBase = Number(process.env.BENCH_HTTP_PORT ?? 55410);
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-http-'));
  const secret = randomUUID();
  const bearer = { authorization: `Bearer ${token(secret, { sub: 'ros-1', ric: RIC, roles: ['ROS'] })}` };
  const started = await Promise.allSettled([
    startService(join(dir, 'service'), portBase, portBase + 1, secret),
    startBare(join(dir, 'bare'), portBase + 2, portBase + 3),
    ...(BASELINE_ROOT
      ? [
          startService(
            join(dir, 'baseline'),
            portBase + 4,
            portBase + 5,
            secret,
            BASELINE_ROOT,
            'the baseline',
            parseEnv(process.env.BENCH_HTTP_BASELINE_ENV),
          ),
        ]
      : []),
  ]);
  const [service, bare, baseline] = started.map((s) => (s.status === 'fulfilled' ? s.value : null));
  if (!service || !bare || (BASELINE_ROOT && !baseline)) {
    await Promise.all([service?.stop(), bare?.stop(), baseline?.stop()]);
    const failed = started.find((s) => s.status === 'rejected') as PromiseRejectedResult;
    throw failed.reason;
  }
  // the services benched: this build, and the baseline build when given
  const services = [
    {
      name: 'service',
      child: service,
      port: portBase + 1,
      lag: new ProjectorLag(join(dir, 'service'), portBase),
    },
    ...(baseline
      ? [
          {
            name: 'baseline',
            child: baseline,
            port: portBase + 5,
            lag: new ProjectorLag(join(dir, 'baseline'), portBase + 4),
          },
        ]
      : []),
  ];
  try {
    line(
      'http: service (npm start, own embedded PostgreSQL) and bare loop',
      `${CONNECTIONS} connections, ${CLIENTS} clients, ${SECONDS} s per run`,
    );
    const clientIds = Array.from({ length: CLIENTS }, (_, i) => `bench-${i}`);
    for (const svc of services) {
      await sendAll(
        svc.port,
        clientIds.map((clientId) => ({
          path: '/api/v1/clients',
          headers: bearer,
          body: JSON.stringify({
            clientId,
            name: `Клиент ${clientId}`,
            monthlyFee: 10000,
            category: 'B',
            kppId: 'kpp-1',
            pmId: 'pm-1',
          }),
        })),
      );
      line(`http: ${svc.name} memory after registering the clients`, await memoryLine(svc.child));
    }
    // connection c writes clients c, c+32, …: no two requests on one client at once, in either server
    const payment = (c: number, n: number, keyed: boolean, path: (id: string) => string): LoadRequest => {
      const ids = clientIds.filter((_, i) => i % CONNECTIONS === c);
      const clientId = ids[n % ids.length]!;
      const paymentId = randomUUID();
      return {
        path: path(clientId),
        headers: keyed ? { ...bearer, 'idempotency-key': paymentId } : bearer,
        body: JSON.stringify({ paymentId, amount: 1000, paidOn: '2026-03-10' }),
      };
    };
    const servicePath = (id: string) => `/api/v1/clients/${id}/payments`;
    const barePath = (id: string) => `/${id}`;
    // a short warm-up of all (JIT, pools), not counted
    await runLoad(portBase + 3, CONNECTIONS, 2, (c, n) => payment(c, n, false, barePath));
    for (const svc of services) {
      await runLoad(svc.port, CONNECTIONS, 2, (c, n) => payment(c, n, false, servicePath));
      await svc.lag.during(async () => undefined);
    }
    for (let round = 1; round <= ROUNDS; round++) {
      // Slices of a few seconds, taking turns: the machine's other load then falls on all runs alike.
      const runs = [
        {
          label: 'bare node:http + pg, BEGIN/SELECT/INSERT/COMMIT',
          child: bare,
          port: portBase + 3,
          keyed: undefined as boolean | undefined,
          lag: undefined as ProjectorLag | undefined,
          service: undefined as string | undefined,
        },
        ...services.flatMap((svc) =>
          [false, true].map((keyed) => ({
            label: `${svc.name === 'service' ? '' : `${svc.name}: `}POST /payments ${keyed ? 'with' : 'without'} Idempotency-Key`,
            child: svc.child,
            port: svc.port,
            keyed,
            lag: svc.lag,
            service: svc.name,
          })),
        ),
      ].map((r) => ({ ...r, tally: new LoadTally(), cpuMs: 0, catchUpCpuMs: 0, maxBehind: 0, catchUpMs: 0 }));
      for (let slice = 0; slice < Math.max(1, Math.round(SECONDS / SLICE_SECONDS)); slice++) {
        for (const r of runs) {
          const cpuBefore = r.child.cpuMs();
          const path = r.keyed === undefined ? barePath : servicePath;
          let cpuServing = 0;
          const serve = async () => {
            const load = await runLoad(r.port, CONNECTIONS, SLICE_SECONDS, (c, n) =>
              payment(c, n, !!r.keyed, path),
            );
            cpuServing = r.child.cpuMs() - cpuBefore;
            return load;
          };
          const measured = r.lag
            ? await r.lag.during(serve)
            : { result: await serve(), maxBehind: 0, catchUpMs: 0 };
          r.cpuMs += cpuServing;
          r.catchUpCpuMs += r.child.cpuMs() - cpuBefore - cpuServing;
          r.tally.add(measured.result);
          r.maxBehind = Math.max(r.maxBehind, measured.maxBehind);
          r.catchUpMs = Math.max(r.catchUpMs, measured.catchUpMs);
        }
      }
      const bareRate = runs[0]!.tally.figures().perSecond;
      const rateOf = (service: string | undefined, keyed: boolean | undefined) =>
        runs.find((r) => r.service === service && r.keyed === keyed)!.tally.figures().perSecond;
      for (const r of runs) {
        const f = r.tally.figures();
        // CPU time of the process per command while the load ran, and (service) after it, catching up
        const perCommand = (ms: number) => (ms / Math.max(1, f.requests)).toFixed(2);
        const cpu =
          `${perCommand(r.cpuMs)} ms CPU/command` +
          (r.keyed === undefined ? '' : ` + ${perCommand(r.catchUpCpuMs)} catching up`);
        // this build beside the baseline build, when one runs
        const vsBaseline =
          baseline && r.service === 'service'
            ? `, x${(f.perSecond / rateOf('baseline', r.keyed)).toFixed(2)} of baseline`
            : '';
        line(
          `http round ${round}: ${r.label}`,
          r.keyed === undefined
            ? `${figures(f)}; ${cpu}`
            : `${figures(f)} (x${(f.perSecond / bareRate).toFixed(2)} of bare${vsBaseline}); ${cpu}`,
        );
        if (r.keyed !== undefined)
          line(
            `http round ${round}:   projector lag`,
            `at most ${r.maxBehind} events behind; caught up ${r.catchUpMs} ms after a ${SLICE_SECONDS} s slice at most`,
          );
      }
      for (const svc of services)
        line(`http round ${round}: ${svc.name} memory after the round`, await memoryLine(svc.child));
    }
  } finally {
    await Promise.all(services.map((svc) => svc.lag.close().catch(() => undefined)));
    await Promise.all([...services.map((svc) => svc.child.stop()), bare.stop()]);
    // as root each cluster lives where the postgres user can reach it, DATA_DIR/pg linking to it
    for (const name of ['service', 'bare', 'baseline']) {
      const link = join(dir, name, 'pg');
      if (existsSync(link) && lstatSync(link).isSymbolicLink())
        rmSync(realpathSync(link), { recursive: true, force: true });
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
