import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import { stringify } from 'csv-stringify/sync';
import { createLedgerRuntime, readConfig } from '@ledger/platform';
import { createApp, toObservation } from '@ledger/api';

type Line = (label: string, value: string) => void;

/** A week of CRM facts of one client, every field of API.md given (a quarter without logins). */
const observation = (i: number, weekStart: string) => ({
  clientId: `c-${i}`,
  weekStart,
  ...(i % 4 === 0 ? {} : { logins: i % 13 }),
  portalRequests: i % 3,
  portalLowestRating: 1 + (i % 5),
  hotlineRequests: i % 2,
  trainedShare: (i % 10) / 10,
  webinars: i % 2,
  newsletterClicks: i % 4,
  videoClicks: i % 3,
  updatesInstalled: i % 5 !== 0,
  renewalPeriodStarted: i % 11 === 0,
  unreturnedActs: i % 7 === 0 ? 1 : 0,
  competitor: (['no', 'yes', 'unknown'] as const)[i % 3],
  portalDepartments: (i % 2 ? ['accounting', 'legal'] : ['procurement']) as Array<
    'accounting' | 'legal' | 'procurement'
  >,
  departmentsTrainedBelowHalf: i % 3,
  seminarCertificates: i % 2,
  serviceActivity: {
    documentOrders: i % 4,
    onlineOrders: i % 3,
    consultingLineRequests: i % 5,
    selectionOrders: i % 2,
    trainedUsers: i % 6,
    onlineDialogRequests: i % 3,
    personalAccountRegistered: i % 2 === 0,
    techSupportRequests: i % 2,
  },
});

type Row = ReturnType<typeof observation>;

/** The CRM's export of the same rows: `;`-separated with a header row, as a Russian spreadsheet writes. */
function csvOf(rows: Row[]): string {
  const header = [
    'clientId',
    'weekStart',
    'logins',
    'portalRequests',
    'portalLowestRating',
    'hotlineRequests',
    'trainedShare',
    'webinars',
    'newsletterClicks',
    'videoClicks',
    'updatesInstalled',
    'renewalPeriodStarted',
    'unreturnedActs',
    'competitor',
    'portalDepartments',
    'departmentsTrainedBelowHalf',
    'seminarCertificates',
    ...Object.keys(rows[0]!.serviceActivity).map((k) => `serviceActivity.${k}`),
  ];
  const cells = rows.map((r) => [
    r.clientId,
    r.weekStart,
    'logins' in r ? r.logins : '',
    r.portalRequests,
    r.portalLowestRating,
    r.hotlineRequests,
    String(r.trainedShare).replace('.', ','),
    r.webinars,
    r.newsletterClicks,
    r.videoClicks,
    r.updatesInstalled,
    r.renewalPeriodStarted,
    r.unreturnedActs,
    r.competitor,
    r.portalDepartments.join('|'),
    r.departmentsTrainedBelowHalf,
    r.seminarCertificates,
    ...Object.values(r.serviceActivity),
  ]);
  return stringify([header, ...cells], { delimiter: ';', cast: { boolean: (b) => String(b) } });
}

/**
 * The weekly usage import of a РИЦ of 10,000 clients (issue 12): one request of a whole week as
 * JSON and as CSV, beside the baseline of the import before it — one command after another.
 */
export async function benchImport(url: string, dataDir: string, line: Line): Promise<void> {
  const clients = Number(process.env.BENCH_IMPORT_CLIENTS ?? 10000);
  const ric = `i${randomUUID().slice(0, 6)}`;
  const runtime = await createLedgerRuntime(
    readConfig({ DATABASE_URL: url, DATA_DIR: dataDir, AUTH_SECRET: 'bench-secret', NODE_ENV: 'test' }),
  );
  try {
    const ros = { id: 'ros-1', role: 'ROS' as const };
    const queue = Array.from({ length: clients }, (_, i) => i);
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
          await runtime.commands.execute({
            ric,
            clientId: `c-${i}`,
            actor: ros,
            command: {
              type: 'RegisterClient',
              clientId: `c-${i}`,
              name: `Клиент ${i}`,
              monthlyFee: 9000,
              category: 'B',
              kppId: `kpp-${i % 40}`,
              pmId: `pm-${i % 30}`,
              contactCadence: 'weekly',
              billingDay: 1,
            },
          });
        }
      }),
    );

    // baseline: what the import did before, one RecordUsage after another (without its per-row
    // hash of the whole body and its per-client existence check, so the real old figure was worse)
    const baselineRows = Array.from({ length: clients }, (_, i) => observation(i, '2026-03-02'));
    const baselineStart = performance.now();
    for (const row of baselineRows)
      await runtime.commands.execute({
        ric,
        clientId: row.clientId,
        actor: ros,
        command: { type: 'RecordUsage', observation: toObservation(row) },
      });
    const baselineMs = performance.now() - baselineStart;
    line(
      `usage import baseline: ${clients} commands one after another`,
      `${(baselineMs / 1000).toFixed(2)} s`,
    );

    const app = await createApp(runtime, { logger: false });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const token = new JwtService({ secret: runtime.authSecret }).sign(
      { sub: 'ros-1', ric, roles: ['ROS'] },
      { algorithm: 'HS256', expiresIn: '1h' },
    );
    const post = async (body: string, contentType: string, label: string) => {
      const start = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/usage-observations`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType },
        body,
      });
      const answer = (await res.json()) as { recorded?: number; rejected?: unknown[] };
      const ms = performance.now() - start;
      if (res.status !== 201)
        throw new Error(`${label}: ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
      line(
        `${label} (${(body.length / 2 ** 20).toFixed(1)} MB)`,
        `${(ms / 1000).toFixed(2)} s, ${answer.recorded} recorded (x${(baselineMs / ms).toFixed(1)} vs baseline)`,
      );
    };
    const json = JSON.stringify({
      observations: Array.from({ length: clients }, (_, i) => observation(i, '2026-03-09')),
    });
    await post(json, 'application/json', `usage import: one JSON request of ${clients} observations`);
    await post(json, 'application/json', `usage import: the same JSON again (idempotent)`);
    const csv = csvOf(Array.from({ length: clients }, (_, i) => observation(i, '2026-03-16')));
    await post(csv, 'text/csv', `usage import: one CSV upload of ${clients} rows`);
    await app.close();
  } finally {
    await runtime.close();
  }
}
