import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import type { NewEvent } from '@ledger/eventstore';
import { createLedgerRuntime, readConfig } from '@ledger/platform';
import { createApp } from '@ledger/api';

type Line = (label: string, value: string) => void;

const DAY = 86_400_000;
const START = Date.parse('2025-03-03T00:00:00Z'); // a Monday, a year before the reports' day
const iso = (ms: number) => new Date(ms).toISOString();
const date = (ms: number) => iso(ms).slice(0, 10);
const REASONS = [
  'stage_2',
  'stage_4',
  'stage_4',
  'stage_5',
  'new_features',
  'payment_work',
  'unproductive',
  'task_work',
];

/** A deterministic spread of small numbers (no Math.random: the same data each run). */
const pick = (seed: number, n: number) => Math.abs(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 7) % n;

/**
 * A year of one client's history as the commands would have written it: weekly usage imports, a
 * weekly contact with one or two dials, monthly invoices and payments, some promises, two
 * competitor diagnoses for a third of the clients.
 */
export function clientYear(ric: string, i: number, weeks: number): NewEvent[] {
  const kppId = `kpp-${i % 42}`;
  const events: NewEvent[] = [];
  const add = (
    type: string,
    data: Record<string, unknown>,
    at: number,
    actor = { id: kppId, role: 'KPP' },
  ) => {
    const eventId = randomUUID();
    events.push({
      type,
      data,
      metadata: {
        eventId,
        ric,
        actor,
        occurredAt: iso(at),
        recordedAt: iso(at),
        correlationId: eventId,
        causationId: eventId,
        schemaVersion: 1,
      },
    } as NewEvent);
  };
  const ros = { id: 'ros-1', role: 'ROS' };
  const fee = 8000 + (i % 10) * 1000;
  add(
    'ClientRegistered',
    {
      clientId: `c-${i}`,
      ric,
      name: `Клиент ${i}`,
      monthlyFee: fee,
      category: ['A', 'B', 'C'][i % 3],
      kppId,
      pmId: `pm-${i % 30}`,
      contactCadence: 'weekly',
      billingDay: 1,
    },
    START - DAY,
    ros,
  );
  add(
    'ContactPersonAdded',
    {
      contactPersonId: 'p1',
      name: 'ЛПР',
      roles: ['decision_maker'],
      phones: [],
      emails: [],
      interests: [],
      subscribedToNewsletter: i % 2 === 0,
    },
    START - DAY,
    ros,
  );
  add(
    'ContactPersonAdded',
    {
      contactPersonId: 'p2',
      name: 'Бухгалтер',
      roles: ['key_user'],
      phones: [],
      emails: [],
      interests: [],
      subscribedToNewsletter: true,
    },
    START - DAY,
    ros,
  );
  for (let w = 0; w < weeks; w++) {
    const monday = START + w * 7 * DAY;
    const s = i * 1000 + w;
    if (w % 4 === 0)
      add(
        'InvoiceIssued',
        { invoiceId: `i${w}`, amount: fee, issuedOn: date(monday) },
        monday + 6 * 3600_000,
        ros,
      );
    if (w % 4 === 1 && pick(s, 5) > 0)
      add(
        'PaymentReceived',
        { paymentId: `pay${w}`, amount: fee, paidOn: date(monday) },
        monday + 6 * 3600_000,
        ros,
      );
    if (w % 8 === 2 && pick(s, 3) === 0) {
      const promisedOn = date(monday + 7 * DAY);
      add(
        'PaymentPromiseRecorded',
        { promiseId: `pr${w}`, promisedOn, target: fee, remind: false, projectedDebtMonths: 1 },
        monday + 8 * 3600_000,
      );
      const kept = pick(s, 2) === 0;
      add(
        kept ? 'PaymentPromiseKept' : 'PaymentPromiseBroken',
        {
          promiseId: `pr${w}`,
          promisedOn,
          paidInTime: kept ? fee : 0,
          target: fee,
          followUpDueBy: '',
          followUpDueOn: '',
        },
        monday + 8 * DAY,
        { id: 'scheduler', role: 'SYSTEM' },
      );
    }
    const contactId = `k${w}`;
    add(
      'ContactPlanned',
      {
        contactId,
        kind: 'planned',
        reason: 'info_occasion',
        plannedAt: iso(monday + 7 * 3600_000),
        instrumentsPlanned: ['a', 'b', 'c'].slice(0, 1 + pick(s, 3)),
        assignee: { role: 'KPP', employeeId: kppId },
      },
      monday + 7 * 3600_000,
    );
    if (pick(s + 1, 4) === 0)
      add(
        'CallAttempted',
        { contactId, outcome: 'no_answer', channel: 'phone', direction: 'outgoing' },
        monday + 7.5 * 3600_000,
      );
    add(
      'CallAttempted',
      {
        contactId,
        outcome: pick(s, 5) === 0 ? 'connected_with_login' : 'connected',
        durationSec: 40 + pick(s, 700),
        channel: 'phone',
        direction: 'outgoing',
      },
      monday + 8 * 3600_000,
    );
    add(
      'ContactClosed',
      {
        contactId,
        closingReason: REASONS[pick(s, REASONS.length)],
        stages: [],
        instrumentsUsed: ['a', 'b', 'c', 'd'].slice(0, pick(s + 2, 5)),
        instrumentsPlanned: [],
      },
      monday + 8.5 * 3600_000,
    );
    add(
      'UsageObserved',
      {
        weekStart: date(monday),
        ...(i % 4 === 0 ? {} : { logins: pick(s, 12) }),
        portalRequests: pick(s + 3, 3),
        portalLowestRating: 1 + pick(s, 5),
        hotlineRequests: pick(s + 4, 2),
        trainedShare: pick(s, 10) / 10,
        webinars: pick(s + 5, 4) === 0 ? 1 : 0,
        newsletterClicks: pick(s, 3),
        videoClicks: pick(s, 2),
        updatesInstalled: pick(s, 6) > 0,
        renewalPeriodStarted: w % 26 === 0,
        unreturnedActs: 0,
        competitor: pick(i, 5) === 0 ? 'yes' : 'no',
        portalDepartments: (['accounting', 'legal', 'procurement'] as const).filter(
          (_, d) => pick(s + d, 3) === 0,
        ),
        departmentsTrainedBelowHalf: pick(s, 3),
        seminarCertificates: pick(s, 20) === 0 ? 1 : 0,
        serviceActivity: {
          documentOrders: pick(s, 3),
          onlineOrders: pick(s + 6, 4),
          consultingLineRequests: pick(s + 7, 2),
          selectionOrders: pick(s + 8, 5) === 0 ? 1 : 0,
          trainedUsers: 0,
          onlineDialogRequests: pick(s + 9, 3),
          personalAccountRegistered: false,
          techSupportRequests: 0,
        },
      },
      monday + 7 * DAY + 5 * 3600_000,
      ros,
    );
    if (i % 3 === 0 && w % 26 === 10)
      add(
        'CompetitorDiagnosed',
        {
          halfYear: w < 26 ? '2025-H1' : '2025-H2',
          competitor: pick(s, 4) === 0 ? 'yes' : 'no',
          competitors: pick(s, 4) === 0 ? ['Гарант'] : [],
        },
        monday + 9 * 3600_000,
        { id: `pm-${i % 30}`, role: 'PM' },
      );
  }
  return events;
}

/** Every report over HTTP on a РИЦ of BENCH_REPORT_CLIENTS (5,000) clients with a year of history. */
export async function benchReports(url: string, dataDir: string, line: Line): Promise<void> {
  const clients = Number(process.env.BENCH_REPORT_CLIENTS ?? 5000);
  const weeks = Number(process.env.BENCH_REPORT_WEEKS ?? 52);
  const ric = `r${randomUUID().slice(0, 6)}`;
  const now = START + weeks * 7 * DAY + 2 * DAY;
  const runtime = await createLedgerRuntime(
    readConfig({
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      CLOCK: 'manual',
      CLOCK_START: iso(now),
      AUTH_SECRET: 'bench-secret',
      NODE_ENV: 'test',
    }),
  );
  try {
    let started = performance.now();
    let total = 0;
    const queue = Array.from({ length: clients }, (_, i) => i);
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
          const events = clientYear(ric, i, weeks);
          total += events.length;
          await runtime.store.append(`client-${ric}-c-${i}`, events, { expectedVersion: 'no_stream' });
        }
      }),
    );
    line(
      `reports data: ${clients} clients, ${weeks} weeks each`,
      `${total} events appended in ${Math.round((performance.now() - started) / 1000)} s`,
    );
    started = performance.now();
    await runtime.projector.catchUp(24 * 3600_000);
    const seconds = (performance.now() - started) / 1000;
    line(
      `projections catch-up (clients, deadlines, reports)`,
      `${Math.round(seconds)} s, ${Math.round(total / seconds)} events/s`,
    );

    // what autovacuum does after a bulk load on a live server: statistics for the planner, and the
    // visibility map that lets the covering indexes answer alone
    await runtime.readModels.query('VACUUM ANALYZE');
    const app = await createApp(runtime, { logger: false });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const token = new JwtService({ secret: runtime.authSecret }).sign(
      { sub: 'an-1', ric, roles: ['ANALYST'] },
      { algorithm: 'HS256', expiresIn: '1h' },
    );
    const to = date(now);
    const from = date(now - 90 * DAY);
    const month = date(now - 30 * DAY);
    const reports = [
      `call-funnel?from=${month}&to=${to}`,
      `contact-reasons?from=${month}&to=${to}`,
      `collection?from=${from}&to=${to}`,
      `workload?date=${to}`,
      `contact-necessity?date=${to}`,
      `deviations?date=${to}`,
      `segment-dynamics?from=${from}&to=${to}`,
      `triggers?date=${to}`,
      `service-activity?from=${from}&to=${to}`,
      `competitors?date=${to}`,
      `deterioration?from=${from}&to=${to}`,
      `call-funnel?from=${month}&to=${to}&format=csv`,
      `triggers?date=${to}&format=csv`,
    ];
    const rounds = Number(process.env.BENCH_REPORT_ROUNDS ?? 60);
    for (const report of reports) {
      const ms: number[] = [];
      let bytes = 0;
      for (let i = 0; i < rounds + 5; i++) {
        const start = performance.now();
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/reports/${report}`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`${report}: ${res.status} ${text.slice(0, 200)}`);
        if (i >= 5) ms.push(performance.now() - start); // the first 5 warm up
        bytes = text.length;
      }
      ms.sort((a, b) => a - b);
      const pct = (p: number) => ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))]!.toFixed(1);
      line(
        `report ${report.replace(/\?.*?(&format=csv)?$/, '$1')} (${Math.round(bytes / 1024)} KB)`,
        `p50 ${pct(50)} ms, p95 ${pct(95)} ms`,
      );
    }
    await app.close();
  } finally {
    await runtime.close();
  }
}
