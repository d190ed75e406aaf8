import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import { ManualClock } from '@ledger/application';
import { ClientCommand } from '@ledger/domain';
import { createLedgerRuntime, readConfig } from '@ledger/platform';
import { createApp } from '@ledger/api';

type Line = (label: string, value: string) => void;

/** The cursor GET /clients answers after a client of this name (its format, for a page deep in the list). */
const nameCursor = (name: string) =>
  Buffer.from(JSON.stringify({ sort: 'name', key: [name, ''] })).toString('base64url');

/** p50 and p95 of 200 GETs after 20 to warm up, one at a time. */
async function latencies(url: string, token: string): Promise<{ figures: string; items: number }> {
  const ms: number[] = [];
  let items = 0;
  for (let i = 0; i < 220; i++) {
    const start = performance.now();
    const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { items?: unknown[] };
    if (i >= 20) ms.push(performance.now() - start);
    items = body.items?.length ?? 1;
  }
  ms.sort((a, b) => a - b);
  const pct = (p: number) => ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))]!.toFixed(1);
  return { figures: `p50 ${pct(50)} ms, p95 ${pct(95)} ms`, items };
}
const MSK = (local: string) => new Date(`${local}+03:00`);

/**
 * The КПП planner over HTTP (auth, read-your-writes wait, query) for a КПП with 120 clients in a
 * РИЦ of 5,000, after weeks of generated activity (cadence contacts, misses, deadlines).
 */
export async function benchPlanner(url: string, dataDir: string, line: Line): Promise<void> {
  const clients = Number(process.env.BENCH_PLANNER_CLIENTS ?? 5000);
  const weeks = Number(process.env.BENCH_PLANNER_WEEKS ?? 4);
  const ric = `p${randomUUID().slice(0, 6)}`;
  const runtime = await createLedgerRuntime(
    readConfig({
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      CLOCK: 'manual',
      CLOCK_START: MSK('2026-03-02T07:00:00').toISOString(),
      AUTH_SECRET: 'bench-secret',
      NODE_ENV: 'test',
    }),
  );
  const clock = runtime.clock as ManualClock;
  try {
    const started = performance.now();
    const ids = Array.from({ length: clients }, (_, i) => i);
    const queue = [...ids];
    const ros = { id: 'ros-1', role: 'ROS' as const };
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
          const clientId = `c-${i}`;
          // the first 120 are kpp-0's; the rest spread over 41 more КПП
          const kppId = i < 120 ? 'kpp-0' : `kpp-${1 + (i % 41)}`;
          const run = (command: ClientCommand) =>
            runtime.commands.execute({ ric, clientId, actor: ros, command });
          await run({
            type: 'RegisterClient',
            clientId,
            name: `Клиент ${i}`,
            inn: String(7700000000 + i),
            monthlyFee: 8000 + (i % 10) * 1000,
            category: 'B',
            kppId,
            pmId: `pm-${i % 30}`,
            contactCadence: i % 4 === 0 ? 'twice_weekly' : 'weekly',
            billingDay: 1,
          });
          for (const step of ['letter_and_ros_call', 'final_engineer_visit', 'first_remote_call'] as const) {
            await run({ type: 'RecordTransferStep', step });
          }
          if (i % 3 === 0)
            await run({ type: 'IssueInvoice', invoiceId: 'i-1', amount: 5000, issuedOn: '2026-03-01' });
        }
      }),
    );
    await runtime.settle();
    for (let week = 1; week <= weeks; week++) {
      clock.moveTo(new Date(MSK('2026-03-02T07:00:00').getTime() + week * 7 * 86_400_000));
      await runtime.settle();
    }
    const events = await runtime.readModels.query(
      'SELECT count(*)::int AS n FROM rm_work_items WHERE ric = $1',
      [ric],
    );
    line(
      `planner data: ${clients} clients, ${weeks} weeks of activity`,
      `${Math.round((performance.now() - started) / 1000)} s to build, ${events[0].n} open items`,
    );

    runtime.projector.start();
    const app = await createApp(runtime, { logger: false });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const token = new JwtService({ secret: runtime.authSecret }).sign(
      { sub: 'kpp-0', ric, roles: ['KPP'] },
      { algorithm: 'HS256', expiresIn: '1h' },
    );
    const date = clock.now().toISOString().slice(0, 10);
    const base = `http://127.0.0.1:${port}/api/v1`;
    const planner = await latencies(`${base}/queues/kpp/kpp-0?date=${date}`, token);
    line(`КПП planner over HTTP, 120 clients, ${planner.items} items`, planner.figures);
    // the client reads beside it (issue 10): a КПП's own list, the РИЦ's list as ROS, a search, a card
    const rosToken = new JwtService({ secret: runtime.authSecret }).sign(
      { sub: 'ros-1', ric, roles: ['ROS'] },
      { algorithm: 'HS256', expiresIn: '1h' },
    );
    const mine = await latencies(`${base}/clients?limit=500`, token);
    line(`client list over HTTP, a КПП's own (${mine.items} of ${clients})`, mine.figures);
    const first = await latencies(`${base}/clients`, rosToken);
    line(`client list over HTTP, ROS, the first page of ${first.items}`, first.figures);
    const page = await latencies(
      `${base}/clients?limit=50&sort=name&cursor=${nameCursor('Клиент 2')}`,
      rosToken,
    );
    line(`client list over HTTP, ROS, by name, a page of ${page.items}`, page.figures);
    const found = await latencies(`${base}/clients?q=${encodeURIComponent('КЛИЕНТ 49')}`, rosToken);
    line(`client list over HTTP, ROS, q on name and ИНН (${found.items} found)`, found.figures);
    const card = await latencies(`${base}/clients/c-7`, token);
    line(`client card over HTTP`, card.figures);
    await app.close();
  } finally {
    await runtime.close();
  }
}
