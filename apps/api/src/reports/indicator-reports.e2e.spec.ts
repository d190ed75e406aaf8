import { NECESSITY_TABLE_003 } from '@ledger/domain/testing';
import { ClientHistory, TestLedger, startTestLedger, usageWeek } from '@ledger/test-support';
import { asCsvRow, getReport } from './report-test-kit';

const day = (date: string, time = '07:00:00') => `${date}T${time}Z`;
const usage = (week: Record<string, unknown>) => ({ ...week });
const activity = (extra: Record<string, unknown> = {}) => ({
  documentOrders: 0,
  onlineOrders: 0,
  consultingLineRequests: 0,
  selectionOrders: 0,
  trainedUsers: 0,
  onlineDialogRequests: 0,
  personalAccountRegistered: false,
  techSupportRequests: 0,
  ...extra,
});

/** [003]'s table, 16 clients (the shared fixture; see its comment). */
const TABLE = NECESSITY_TABLE_003;
const yes = (v: string) => v === 'Да';
/** The bands of [002]: 0.34 and above high, 0.30–0.34 dynamic, below none. */
const band = (v: number) => (v >= 0.34 ? 'high' : v >= 0.3 ? 'dynamic' : 'none');

describe('indicator reports: contact necessity, deviations, segment dynamics, service activity', () => {
  let ledger: TestLedger;
  const analyst = () => ledger.auth('an-1', 'ANALYST');
  const save = (h: ClientHistory) => h.save(ledger.runtime.store);

  beforeAll(async () => {
    ledger = await startTestLedger({ clockStart: '2026-04-10T07:00:00Z', projector: false });
    // [003]: each client of the table, its debt invoiced and unpaid, its signs as the week's facts
    for (const [clientId, renewal, , acts, systemUse, updates, hotline, training, , debt] of TABLE) {
      const h = new ClientHistory('444', `n${clientId}`).register(day('2018-09-01'));
      if (debt > 0)
        h.add(
          'InvoiceIssued',
          { invoiceId: 'inv-1', amount: debt, issuedOn: '2018-09-01' },
          day('2018-09-01'),
        );
      h.add(
        'UsageObserved',
        usageWeek('2018-09-10', {
          logins: yes(systemUse) ? 0 : 5,
          portalRequests: yes(hotline) ? 1 : 0,
          trainedShare: training === 'Выполнена' ? 0.6 : 0.2,
          updatesInstalled: yes(updates),
          renewalPeriodStarted: yes(renewal),
          unreturnedActs: yes(acts) ? 1 : 0,
        }),
        day('2018-09-17'),
      );
      await save(h);
    }
    // a later week changes client n11123: from 0.20 to 0.40 (no updates + training not met) on 1 Oct
    const later = new ClientHistory('444', 'n11123');
    later.add(
      'UsageObserved',
      usageWeek('2018-09-24', { logins: 5, portalRequests: 1, trainedShare: 0.2, updatesInstalled: false }),
      day('2018-10-01'),
    );
    await save(later);

    // deviations as of 2026-03-01: windows of 730, 182 and 91 days start 2024-03-02, 2025-08-31, 2025-12-01
    const d1 = new ClientHistory('444', 'd1').register(day('2023-01-01'), { category: 'A', kppId: 'kpp-9' });
    d1.add(
      'UsageObserved',
      usageWeek('2026-01-12', { trainedShare: 0.9, webinars: 2 }),
      day('2026-01-19'),
    ).add(
      'UsageObserved',
      usageWeek('2026-02-16', { trainedShare: 0.9, portalRequests: 3 }),
      day('2026-02-23'),
    );
    const d2 = new ClientHistory('444', 'd2').register(day('2023-01-01'), { kppId: 'kpp-9' });
    d2.add(
      'UsageObserved',
      usageWeek('2026-02-02', { trainedShare: 0.6, webinars: 1 }),
      day('2026-02-09'),
    ).add(
      'UsageObserved',
      usageWeek('2026-02-23', { trainedShare: 0.4, portalRequests: 1 }),
      day('2026-03-01'),
    );
    const d3 = new ClientHistory('444', 'd3').register(day('2023-01-01'), { category: 'C', kppId: 'kpp-9' });
    d3.add(
      'UsageObserved',
      usageWeek('2023-12-25', { trainedShare: 0.9, webinars: 5, portalRequests: 5 }),
      day('2024-01-01'),
    );
    const d4 = new ClientHistory('444', 'd4').register(day('2023-01-01'), { kppId: 'kpp-9' });
    d4.add('UsageObserved', usageWeek('2025-09-01', { trainedShare: 0.5, webinars: 1 }), day('2025-09-08'))
      .add(
        'UsageObserved',
        usageWeek('2025-11-24', { trainedShare: 0.5, portalRequests: 2 }),
        day('2025-12-01'),
      )
      .add(
        'UsageObserved',
        usageWeek('2026-02-23', { trainedShare: 0.5, webinars: 1, portalRequests: 1 }),
        day('2026-03-01'),
      );
    for (const h of [d1, d2, d3, d4]) await save(h);

    // segments, weeks of 2, 9 and 16 March 2026
    const s1 = new ClientHistory('444', 's1').register(day('2026-01-01'), { kppId: 'kpp-1' });
    s1.add(
      'UsageObserved',
      usageWeek('2026-03-02', {
        logins: 3,
        serviceActivity: activity({
          documentOrders: 2,
          onlineOrders: 1,
          selectionOrders: 1,
          onlineDialogRequests: 3,
          personalAccountRegistered: true,
          techSupportRequests: 1,
        }),
      }),
      day('2026-03-09'),
    )
      .add('UsageObserved', usageWeek('2026-03-09', { logins: 3 }), day('2026-03-16'))
      .add(
        'UsageObserved',
        usageWeek('2026-03-16', {
          logins: 0,
          hotlineRequests: 1,
          serviceActivity: activity({ consultingLineRequests: 2 }),
        }),
        day('2026-03-23'),
      )
      .add(
        'UsageObserved',
        usageWeek('2026-03-23', { logins: 9, serviceActivity: activity({ documentOrders: 50 }) }),
        day('2026-03-30'),
      );
    const s2 = new ClientHistory('444', 's2').register(day('2026-01-01'), { kppId: 'kpp-1' });
    s2.add('UsageObserved', usageWeek('2026-03-02', { logins: 0 }), day('2026-03-09')).add(
      'UsageObserved',
      usageWeek('2026-03-09', { logins: 0 }),
      day('2026-03-16'),
    );
    const s3 = new ClientHistory('444', 's3').register(day('2026-01-01'), { kppId: 'kpp-2' });
    s3.add(
      'UsageObserved',
      usage(usageWeek('2026-03-02', { logins: undefined, portalRequests: 2 })),
      day('2026-03-09'),
    )
      .add('UsageObserved', usageWeek('2026-03-09', { logins: 5, portalRequests: 1 }), day('2026-03-16'))
      .add('UsageObserved', usageWeek('2026-03-16', { logins: 2 }), day('2026-03-23'));
    const s4 = new ClientHistory('444', 's4').register(day('2026-01-01'), { kppId: 'kpp-2' });
    s4.add(
      'UsageObserved',
      usageWeek('2026-03-02', {
        logins: 1,
        portalRequests: 1,
        serviceActivity: activity({ documentOrders: 1, onlineOrders: 4 }),
      }),
      day('2026-03-09'),
    )
      .add('UsageObserved', usageWeek('2026-03-09', { logins: 1, portalRequests: 1 }), day('2026-03-16'))
      .add('UsageObserved', usageWeek('2026-03-16', { logins: 1, portalRequests: 1 }), day('2026-03-23'));
    for (const h of [s1, s2, s3, s4]) await save(h);
    // РИЦ 555: the same КПП id, never counted for 444
    const x = new ClientHistory('555', 's1').register(day('2026-01-01'), { ric: '555', kppId: 'kpp-1' });
    x.add(
      'UsageObserved',
      usageWeek('2026-03-02', { logins: 0, serviceActivity: activity({ documentOrders: 100 }) }),
      day('2026-03-09'),
    );
    await save(x);
    await ledger.runtime.projector.catchUp();
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('contact necessity reproduces every row of [003] with its band, highest first, as of the day', async () => {
    const { body, csv } = await getReport(ledger, 'contact-necessity?date=2018-09-20', analyst());
    const tableClients = body.items.filter((i: { clientId: string }) => i.clientId.startsWith('n'));
    expect(tableClients).toHaveLength(16);
    for (const [clientId, renewal, debt, acts, , updates, hotline, training, indicator] of TABLE) {
      const item = tableClients.find((i: { clientId: string }) => i.clientId === `n${clientId}`);
      expect({ clientId, indicator: item.indicator, level: item.level }).toEqual({
        clientId,
        indicator,
        level: band(indicator),
      });
      expect(item.signs).toMatchObject({
        renewalPeriod: yes(renewal),
        debt: yes(debt),
        unreturnedActs: yes(acts),
        noUpdates: !yes(updates),
        hotlinePortalUnused: !yes(hotline),
        trainingNotMet: training === 'Не выполнена',
      });
    }
    const indicators = body.items.map((i: { indicator: number }) => i.indicator);
    expect(indicators).toEqual([...indicators].sort((a, b) => b - a));
    expect(tableClients.find((i: { clientId: string }) => i.clientId === 'n2753').level).toBe('dynamic'); // 0.30
    expect(csv).toEqual(body.items.map((i: Record<string, unknown>) => asCsvRow(i)));
    expect(Object.keys(csv[0]!)).toContain('signs.trainingNotMet');
    // on 1 October n11123's new week counts: 0.20 + 0.10 no updates + 0.20 training = 0.50
    const october = await getReport(ledger, 'contact-necessity?date=2018-10-01', analyst());
    expect(october.body.items.find((i: { clientId: string }) => i.clientId === 'n11123')).toMatchObject({
      indicator: 0.5,
      level: 'high',
    });
    // before any week was imported no client has an indicator yet
    const before = await getReport(ledger, 'contact-necessity?date=2018-08-31', analyst());
    expect(before.body.items).toEqual([]);
  });

  it('deviations: training, webinars and ЛК levels in their windows, the worst first', async () => {
    const { body, csv } = await getReport(ledger, 'deviations?date=2026-03-01&employeeId=kpp-9', analyst());
    // d2: trained 40 % < 50 % high, one webinar dynamic, one ЛК request dynamic → high
    // d3: its only week (2023-12-25) is older than two years and outside both windows → all high
    // d4: 50 % meets B; webinars 2025-09-01 + 2026-02-23 = 2 none; ЛК 2025-11-24 is before 2025-12-01 → 1 dynamic
    // d1: A 90 % ≥ 80 %, 2 webinars, 3 ЛК requests → none
    expect(
      body.items.map((i: Record<string, unknown>) => [i.clientId, i.training, i.webinars, i.portal, i.level]),
    ).toEqual([
      ['d2', 'high', 'dynamic', 'dynamic', 'high'],
      ['d3', 'high', 'high', 'high', 'high'],
      ['d4', 'none', 'none', 'dynamic', 'dynamic'],
      ['d1', 'none', 'none', 'none', 'none'],
    ]);
    expect(body.items[2]).toMatchObject({ webinarCount: 2, portalRequestCount: 1, trainedShare: 0.5 });
    expect(body.items[1]).toMatchObject({ trainedShare: null });
    expect(csv).toEqual(body.items.map((i: Record<string, unknown>) => asCsvRow(i)));
  });

  it('segment dynamics: a segment per client and Monday–Sunday week, the index per КПП and for the РИЦ', async () => {
    const { body, csv } = await getReport(
      ledger,
      'segment-dynamics?from=2026-03-04&to=2026-03-22',
      analyst(),
    );
    expect(body.weeks).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    const segments = body.clients.filter((c: { clientId: string }) => c.clientId.startsWith('s'));
    expect(segments).toEqual([
      { clientId: 's1', kppId: 'kpp-1', segments: ['green', 'yellow', 'blue'] },
      { clientId: 's2', kppId: 'kpp-1', segments: ['red', 'red', null] },
      { clientId: 's3', kppId: 'kpp-2', segments: [null, 'green', 'yellow'] }, // logins unknown: no segment
      { clientId: 's4', kppId: 'kpp-2', segments: ['green', 'green', 'green'] },
    ]);
    // kpp-1: (4 + 0)/2 = 2, (2.5 + 0)/2 = 1.25, 1.5; kpp-2: 4, (4 + 4)/2 = 4, (2.5 + 4)/2 = 3.25
    expect(body.index).toEqual([
      { employeeId: 'kpp-1', values: [2, 1.25, 1.5] },
      { employeeId: 'kpp-2', values: [4, 4, 3.25] },
    ]);
    // the РИЦ: (4 + 0 + 4)/3 = 2.67, (2.5 + 0 + 4 + 4)/4 = 2.63 (2.625), (1.5 + 2.5 + 4)/3 = 2.67
    expect(body.groupIndex).toEqual([2.67, 2.63, 2.67]);
    expect(csv).toEqual(
      segments.map((c: { clientId: string; kppId: string; segments: Array<string | null> }) => ({
        clientId: c.clientId,
        kppId: c.kppId,
        '2026-03-02': c.segments[0] ?? '',
        '2026-03-09': c.segments[1] ?? '',
        '2026-03-16': c.segments[2] ?? '',
      })),
    );
    const changed = await getReport(
      ledger,
      'segment-dynamics?from=2026-03-02&to=2026-03-22&changedOnly=true',
      analyst(),
    );
    expect(changed.body.clients.map((c: { clientId: string }) => c.clientId)).toEqual(['s1', 's3']);
    const mine = await getReport(
      ledger,
      'segment-dynamics?from=2026-03-02&to=2026-03-22&employeeId=kpp-2',
      analyst(),
    );
    expect(mine.body.clients.map((c: { clientId: string }) => c.clientId)).toEqual(['s3', 's4']);
    expect(mine.body.index).toEqual([{ employeeId: 'kpp-2', values: [4, 4, 3.25] }]);
    await ledger.http().get('/api/v1/reports/segment-dynamics?changedOnly=yes').set(analyst()).expect(400);
  });

  it('service activity: [000]’s counts per КПП and in total, weeks whose Monday is in the period', async () => {
    const { body, csv } = await getReport(
      ledger,
      'service-activity?from=2026-03-02&to=2026-03-22',
      analyst(),
    );
    const zero = {
      documentOrders: 0,
      onlineOrders: 0,
      consultingLineRequests: 0,
      selectionOrders: 0,
      trainedUsers: 0,
      onlineDialogRequests: 0,
      personalAccountRegistered: 0,
      techSupportRequests: 0,
    };
    // kpp-1: s1's weeks 2 and 16 March (23 March is after the period); s2 used nothing
    // kpp-2: s4's first week; s3 and s4 used the ЛК → 2 clients
    expect(body.items).toEqual([
      {
        employeeId: 'kpp-1',
        ...zero,
        documentOrders: 2,
        onlineOrders: 1,
        consultingLineRequests: 2,
        selectionOrders: 1,
        onlineDialogRequests: 3,
        personalAccountRegistered: 1,
        techSupportRequests: 1,
        clients: 1,
        clientsObserved: 2,
      },
      { employeeId: 'kpp-2', ...zero, documentOrders: 1, onlineOrders: 4, clients: 2, clientsObserved: 2 },
    ]);
    expect(body.total).toEqual({
      employeeId: '',
      ...zero,
      documentOrders: 3,
      onlineOrders: 5,
      consultingLineRequests: 2,
      selectionOrders: 1,
      onlineDialogRequests: 3,
      personalAccountRegistered: 1,
      techSupportRequests: 1,
      clients: 3,
      clientsObserved: 4,
    });
    expect(csv).toEqual(body.items.map((i: Record<string, unknown>) => asCsvRow(i)));
    const other = await getReport(
      ledger,
      'service-activity?from=2026-03-02&to=2026-03-22',
      ledger.auth('an-5', 'ANALYST', '555'),
    );
    expect(other.body.items).toEqual([
      { employeeId: 'kpp-1', ...zero, documentOrders: 100, clients: 1, clientsObserved: 1 },
    ]);
  });

  it('a rebuild gives the same rows', async () => {
    const paths = [
      'contact-necessity?date=2018-10-01',
      'deviations?date=2026-03-01',
      'segment-dynamics?from=2026-03-02&to=2026-03-22',
      'service-activity?from=2026-03-02&to=2026-03-22',
    ];
    const before = await Promise.all(
      paths.map((p) => ledger.http().get(`/api/v1/reports/${p}`).set(analyst())),
    );
    await ledger.runtime.projector.rebuild('reports');
    const after = await Promise.all(
      paths.map((p) => ledger.http().get(`/api/v1/reports/${p}`).set(analyst())),
    );
    expect(after.map((r) => r.body)).toEqual(before.map((r) => r.body));
    expect(before[0]!.body.items).toHaveLength(16);
  });
});
