import { ClientHistory, TestLedger, startTestLedger } from '@ledger/test-support';
import { reportsProjection } from '@ledger/read-models';
import { asCsvRow, getReport } from './report-test-kit';

const KPP1 = { id: 'kpp-1', role: 'KPP' };
const KPP2 = { id: 'kpp-2', role: 'KPP' };
const PM1 = { id: 'pm-1', role: 'PM' };
const ROS = { id: 'ros-1', role: 'ROS' };
/** 10:00 Moscow time of a day. */
const day = (date: string, time = '07:00:00') => `${date}T${time}Z`;

const planned = (contactId: string, employeeId: string, instruments: string[]) => ({
  contactId,
  kind: 'planned',
  reason: 'info_occasion',
  plannedAt: day('2026-03-02'),
  instrumentsPlanned: instruments,
  assignee: { role: 'KPP', employeeId },
});
const attempt = (contactId: string, outcome: string, durationSec?: number) => ({
  contactId,
  outcome,
  ...(durationSec !== undefined ? { durationSec } : {}),
  channel: 'phone',
  direction: 'outgoing',
});
const closed = (contactId: string, closingReason: string, planned: number, used: number) => ({
  contactId,
  closingReason,
  stages: [],
  instrumentsPlanned: Array.from({ length: planned }, (_, i) => `planned-${i}`),
  instrumentsUsed: Array.from({ length: used }, (_, i) => `used-${i}`),
});
const promise = (promiseId: string, promisedOn: string, target: number) => ({
  promiseId,
  promisedOn,
  target,
  remind: false,
  projectedDebtMonths: 1,
});

/** Calls, works, promises and assignments of SPEC §5, each figure worked out by hand below. */
describe('activity reports: call funnel, contact reasons, collection, workload', () => {
  let ledger: TestLedger;
  const analyst = () => ledger.auth('an-1', 'ANALYST');

  beforeAll(async () => {
    ledger = await startTestLedger({ clockStart: '2026-04-10T07:00:00Z', projector: false });
    const a = new ClientHistory('444', 'a').register(day('2026-02-01'));
    a.add(
      'ServicePointAdded',
      { servicePointId: 'sp-2', name: 'Филиал', contactCadence: 'weekly' },
      day('2026-02-01'),
    );
    a.add('ContactPlanned', planned('a1', 'kpp-1', ['x', 'y', 'z']), day('2026-03-02'), KPP1)
      .add('CallAttempted', attempt('a1', 'connected', 500), day('2026-02-28'), KPP1) // before the period
      .add('CallAttempted', attempt('a1', 'no_answer'), day('2026-03-02'), KPP1)
      .add('CallAttempted', attempt('a1', 'connected', 300), day('2026-03-02', '08:00:00'), KPP1)
      .add('CallAttempted', attempt('a1', 'connected', 90), day('2026-03-03'), KPP1)
      .add('CallAttempted', attempt('a1', 'connected_with_login', 600), day('2026-03-04'), KPP1)
      .add('CallAttempted', attempt('a1', 'person_absent'), day('2026-03-05'), KPP1)
      .add('CallAttempted', attempt('a1', 'connected', 30), day('2026-03-05', '08:00:00'), KPP1)
      // 22:30 UTC on 31 March is 1 April in Moscow: after the period
      .add('CallAttempted', attempt('a1', 'connected', 700), '2026-03-31T22:30:00Z', KPP1)
      .add('ContactClosed', closed('a1', 'stage_4', 3, 5), day('2026-03-05', '09:00:00'), KPP1)
      .add('ContactPlanned', planned('a2', 'kpp-1', ['x', 'y']), day('2026-03-06'), KPP1)
      .add('ContactClosed', closed('a2', 'stage_4', 2, 1), day('2026-03-06', '09:00:00'), KPP1)
      .add('ContactPlanned', planned('a3', 'kpp-1', ['x']), day('2026-03-07'), KPP1)
      .add('ContactClosed', closed('a3', 'payment_work', 1, 2), day('2026-03-07', '09:00:00'), KPP1)
      .add('PaymentPromiseRecorded', promise('p1', '2026-03-10', 10000), day('2026-03-03'), KPP1)
      .add(
        'PaymentPromiseKept',
        { promiseId: 'p1', promisedOn: '2026-03-10', paidInTime: 10000 },
        day('2026-03-10'),
      )
      .add('PaymentPromiseRecorded', promise('p2', '2026-03-20', 5000), day('2026-03-11'), KPP1)
      .add(
        'PaymentPromiseBroken',
        {
          promiseId: 'p2',
          promisedOn: '2026-03-20',
          paidInTime: 2000,
          target: 5000,
          followUpDueBy: '',
          followUpDueOn: '',
        },
        day('2026-03-21'),
      )
      .add('PaymentPromiseRecorded', promise('p3', '2026-04-05', 8000), day('2026-03-25'), KPP1)
      .add(
        'PaymentPromiseKept',
        { promiseId: 'p3', promisedOn: '2026-04-05', paidInTime: 9000 },
        day('2026-04-05'),
      );
    await a.save(ledger.runtime.store);

    const b = new ClientHistory('444', 'b').register(day('2026-02-01'), { kppId: 'kpp-2' });
    b.add('ContactPlanned', planned('b1', 'kpp-2', ['x', 'y']), day('2026-03-10'), KPP2)
      .add('CallAttempted', attempt('b1', 'connected', 240), day('2026-03-10'), KPP2) // exactly 4 min: 1–4 min
      .add('CallAttempted', attempt('b1', 'connected', 241), day('2026-03-11'), KPP2)
      .add('CallAttempted', attempt('b1', 'no_answer'), day('2026-03-12'), ROS) // РОС logged it: the assignee's dial
      .add('ContactClosed', closed('b1', 'stage_4', 2, 2), day('2026-03-12', '09:00:00'), KPP2)
      .add('ContactPlanned', planned('b2', 'kpp-2', ['x']), day('2026-03-30'), KPP2)
      .add('ContactClosed', closed('b2', 'stage_4', 1, 1), day('2026-04-02'), KPP2) // after the period
      .add('ContactPlanned', planned('b3', 'kpp-2', ['x']), day('2026-03-16'), KPP2)
      .add('ContactMissed', { contactId: 'b3', periodEnd: '2026-03-20' }, day('2026-03-20'), {
        id: 'scheduler',
        role: 'SYSTEM',
      })
      .add('PaymentPromiseRecorded', promise('p4', '2026-03-25', 4000), day('2026-03-12'), PM1);
    await b.save(ledger.runtime.store);

    const left = new ClientHistory('444', 'gone').register(day('2026-02-01'), { pmId: 'pm-2' });
    left.add('ClientLeftRemoteService', { to: 'left', reason: 'contract ended' }, day('2026-03-01'));
    await left.save(ledger.runtime.store);

    // another РИЦ, the same employee ids: never counted for РИЦ 444
    const other = new ClientHistory('555', 'x').register(day('2026-02-01'), { ric: '555' });
    other
      .add('ContactPlanned', planned('x1', 'kpp-1', ['x']), day('2026-03-02'), KPP1)
      .add('CallAttempted', attempt('x1', 'connected', 900), day('2026-03-02'), KPP1)
      .add('ContactClosed', closed('x1', 'stage_4', 1, 9), day('2026-03-02', '09:00:00'), KPP1)
      .add('PaymentPromiseRecorded', promise('px', '2026-03-15', 99999), day('2026-03-02'), KPP1);
    await other.save(ledger.runtime.store);

    // [004]'s «Итого» in May: 84 works with 377 instruments planned (41 × 5 + 43 × 4) and 430 used
    // (10 × 6 + 74 × 5), of kpp-7
    const seed = new ClientHistory('444', 'seed004').register(day('2026-02-01'), {
      kppId: 'kpp-7',
      pmId: 'pm-7',
    });
    for (let n = 0; n < 84; n++) {
      const at = day(`2026-05-${String(1 + (n % 28)).padStart(2, '0')}`);
      seed
        .add('ContactPlanned', planned(`s${n}`, 'kpp-7', []), at, { id: 'kpp-7', role: 'KPP' })
        .add('ContactClosed', closed(`s${n}`, 'stage_4', n < 41 ? 5 : 4, n < 10 ? 6 : 5), at, {
          id: 'kpp-7',
          role: 'KPP',
        });
    }
    await seed.save(ledger.runtime.store);
    await ledger.runtime.projector.catchUp();
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('call funnel: dials, connected, over 4 minutes and mean lengths, per employee and in total', async () => {
    const { body, csv, contentType, raw } = await getReport(
      ledger,
      'call-funnel?from=2026-03-01&to=2026-03-31',
      analyst(),
    );
    // kpp-1: 6 dials (02-28 and 1 April outside), 4 connected (300, 90, 600, 30), over 4 min 300 and 600
    // (mean 450), 1–4 min only 90 (30 s is under a minute). kpp-2: 3 dials (one logged by РОС),
    // 2 connected (240 = 1–4 min, 241 = over). Total: 9, 6, 3 over (300 + 600 + 241 = 1141 → 380.3),
    // 1–4 min 90 and 240 → 165.
    expect(body).toMatchObject({
      dials: 9,
      connected: 6,
      over4min: 3,
      connectedShare: 0.6667,
      over4minShareOfDials: 0.3333,
      over4minShareOfConnected: 0.5,
      avgOver4minSec: 380.3,
      avg1to4minSec: 165,
    });
    expect(body.byEmployee).toEqual([
      {
        employeeId: 'kpp-1',
        dials: 6,
        connected: 4,
        over4min: 2,
        connectedShare: 0.6667,
        over4minShareOfDials: 0.3333,
        over4minShareOfConnected: 0.5,
        avgOver4minSec: 450,
        avg1to4minSec: 90,
      },
      {
        employeeId: 'kpp-2',
        dials: 3,
        connected: 2,
        over4min: 1,
        connectedShare: 0.6667,
        over4minShareOfDials: 0.3333,
        over4minShareOfConnected: 0.5,
        avgOver4minSec: 241,
        avg1to4minSec: 240,
      },
    ]);
    // CSV: BOM, header, the totals row first (employeeId empty) then one row per employee
    expect(contentType).toContain('text/csv');
    expect(raw.startsWith('\uFEFFemployeeId,dials,connected,over4min')).toBe(true);
    expect(csv).toEqual(
      [
        { employeeId: '', ...asCsvRow(body, '', {}) },
        ...body.byEmployee.map((e: object) => asCsvRow(e as Record<string, unknown>)),
      ].map(pick(csv[0]!)),
    );
    const one = await getReport(
      ledger,
      'call-funnel?from=2026-03-01&to=2026-03-31&employeeId=kpp-2',
      analyst(),
    );
    expect(one.body).toMatchObject({ dials: 3, connected: 2, over4min: 1 });
  });

  it('contact reasons: works closed per reason, instruments planned and used, deviation = planned − used', async () => {
    const { body, csv } = await getReport(ledger, 'contact-reasons?from=2026-03-01&to=2026-03-31', analyst());
    // stage_4: a1 3/5, a2 2/1, b1 2/2 → 7 planned, 8 used, −1; payment_work: a3 1/2 → −1;
    // b2 closed in April and the missed b3 do not count; РИЦ 555's x1 (1/9) never appears
    expect(body.items).toEqual([
      {
        closingReason: 'payment_work',
        contacts: 1,
        instrumentsPlanned: 1,
        instrumentsUsed: 2,
        deviation: -1,
        clients: 1,
      },
      {
        closingReason: 'stage_4',
        contacts: 3,
        instrumentsPlanned: 7,
        instrumentsUsed: 8,
        deviation: -1,
        clients: 2,
      },
    ]);
    expect(body.total).toEqual({
      contacts: 4,
      instrumentsPlanned: 8,
      instrumentsUsed: 10,
      deviation: -2,
      clients: 2,
    });
    expect(csv).toEqual(body.items.map((i: Record<string, unknown>) => asCsvRow(i)));
    const kpp2 = await getReport(
      ledger,
      'contact-reasons?from=2026-03-01&to=2026-04-30&employeeId=kpp-2',
      analyst(),
    );
    expect(kpp2.body.items).toEqual([
      {
        closingReason: 'stage_4',
        contacts: 2,
        instrumentsPlanned: 3,
        instrumentsUsed: 3,
        deviation: 0,
        clients: 1,
      },
    ]);
  });

  it('reproduces [004]’s «377 / 430 / −53»: deviation = planned − used', async () => {
    const { body } = await getReport(ledger, 'contact-reasons?from=2026-05-01&to=2026-05-31', analyst());
    expect(body.items).toEqual([
      {
        closingReason: 'stage_4',
        contacts: 84,
        instrumentsPlanned: 377,
        instrumentsUsed: 430,
        deviation: -53,
        clients: 1,
      },
    ]);
    expect(body.total).toMatchObject({ instrumentsPlanned: 377, instrumentsUsed: 430, deviation: -53 });
  });

  it('applying the same events again changes no row (idempotent per stream and version)', async () => {
    const paths = [
      'call-funnel?from=2026-03-01&to=2026-03-31',
      'contact-reasons?from=2026-03-01&to=2026-05-31',
      'collection?from=2026-03-01&to=2026-04-30',
      'workload',
    ];
    const before = await Promise.all(
      paths.map((p) => ledger.http().get(`/api/v1/reports/${p}`).set(analyst())),
    );
    const { events } = await ledger.runtime.store.readAll(null, 10_000);
    await ledger.runtime.readModels.transaction((manager) => reportsProjection.apply(manager, events));
    const after = await Promise.all(
      paths.map((p) => ledger.http().get(`/api/v1/reports/${p}`).set(analyst())),
    );
    expect(after.map((r) => r.body)).toEqual(before.map((r) => r.body));
    expect(before[1]!.body.total.contacts).toBe(89); // a1–a3, b1, b2 (April) and the 84 of May
  });

  it('collection: promised against received on time, per month of the agreed day', async () => {
    const { body, csv } = await getReport(ledger, 'collection?from=2026-03-01&to=2026-04-30', analyst());
    // March: p1 10 000 kept in full, p2 5 000 broken with 2 000 in time, p4 4 000 open → 19 000, 3,
    // 12 000 received (12/19 = 0.6316). April: p3 8 000 kept with 9 000 paid → counts 8 000.
    expect(body.items).toEqual([
      {
        month: '2026-03',
        promisedAmount: 19000,
        promisedCount: 3,
        keptCount: 1,
        brokenCount: 1,
        receivedOnTimeAmount: 12000,
        completeness: 0.6316,
      },
      {
        month: '2026-04',
        promisedAmount: 8000,
        promisedCount: 1,
        keptCount: 1,
        brokenCount: 0,
        receivedOnTimeAmount: 8000,
        completeness: 1,
      },
    ]);
    expect(csv).toEqual(body.items.map((i: Record<string, unknown>) => asCsvRow(i)));
    const kpp1 = await getReport(
      ledger,
      'collection?from=2026-03-01&to=2026-03-31&employeeId=kpp-1',
      analyst(),
    );
    expect(kpp1.body.items).toEqual([
      {
        month: '2026-03',
        promisedAmount: 15000,
        promisedCount: 2,
        keptCount: 1,
        brokenCount: 1,
        receivedOnTimeAmount: 12000,
        completeness: 0.8,
      },
    ]);
  });

  it('workload: a КПП’s service points against 120, a ПМ’s clients against 144–192; clients that left do not count', async () => {
    const { body, csv } = await getReport(ledger, 'workload', analyst());
    // a has two service points (main + sp-2): kpp-1 2/120 = 0.0167; b: kpp-2 1/120 = 0.0083;
    // pm-1 holds a and b: 2/192 = 0.0104; "gone" (pm-2) left remote service; seed004 is kpp-7's and pm-7's
    expect(body.items).toEqual([
      {
        employeeId: 'kpp-1',
        role: 'KPP',
        clients: 1,
        servicePoints: 2,
        norm: 120,
        normMin: 120,
        load: 0.0167,
      },
      {
        employeeId: 'kpp-2',
        role: 'KPP',
        clients: 1,
        servicePoints: 1,
        norm: 120,
        normMin: 120,
        load: 0.0083,
      },
      {
        employeeId: 'kpp-7',
        role: 'KPP',
        clients: 1,
        servicePoints: 1,
        norm: 120,
        normMin: 120,
        load: 0.0083,
      },
      { employeeId: 'pm-1', role: 'PM', clients: 2, servicePoints: 3, norm: 192, normMin: 144, load: 0.0104 },
      { employeeId: 'pm-7', role: 'PM', clients: 1, servicePoints: 1, norm: 192, normMin: 144, load: 0.0052 }, // 1/192
    ]);
    expect(csv).toEqual(body.items.map((i: Record<string, unknown>) => asCsvRow(i)));
  });

  it('answers another РИЦ only its own figures, and refuses bad parameters naming the field', async () => {
    const other = ledger.auth('an-5', 'ANALYST', '555');
    const funnel = await getReport(ledger, 'call-funnel?from=2026-03-01&to=2026-03-31', other);
    expect(funnel.body).toMatchObject({ dials: 1, connected: 1, over4min: 1, avgOver4minSec: 900 });
    const reasons = await getReport(ledger, 'contact-reasons?from=2026-03-01&to=2026-03-31', other);
    expect(reasons.body.items).toEqual([
      {
        closingReason: 'stage_4',
        contacts: 1,
        instrumentsPlanned: 1,
        instrumentsUsed: 9,
        deviation: -8,
        clients: 1,
      },
    ]);
    const bad = await ledger
      .http()
      .get('/api/v1/reports/call-funnel?from=2026-03-32')
      .set(analyst())
      .expect(400);
    expect(bad.body.details[0].field).toBe('from');
    await ledger.http().get('/api/v1/reports/collection?format=xml').set(analyst()).expect(400);
    await ledger.http().get('/api/v1/reports/workload').expect(401);
  });

  it('a rebuild of the projection gives the same rows', async () => {
    const paths = [
      'call-funnel?from=2026-03-01&to=2026-03-31',
      'contact-reasons?from=2026-03-01&to=2026-04-30',
      'collection?from=2026-03-01&to=2026-04-30',
      'workload',
    ];
    const before = await Promise.all(
      paths.map((p) => ledger.http().get(`/api/v1/reports/${p}`).set(analyst())),
    );
    await ledger.runtime.projector.rebuild('reports');
    const after = await Promise.all(
      paths.map((p) => ledger.http().get(`/api/v1/reports/${p}`).set(analyst())),
    );
    expect(after.map((r) => r.body)).toEqual(before.map((r) => r.body));
    expect(before[0]!.body.dials).toBe(9);
  });
});

/** The columns of the CSV's header, from a JSON-derived row. */
const pick = (header: Record<string, string>) => (row: Record<string, string>) =>
  Object.fromEntries(Object.keys(header).map((k) => [k, row[k] ?? '']));
