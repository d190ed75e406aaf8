import { ClientHistory, TestLedger, startTestLedger, usageWeek } from '@ledger/test-support';
import { addMonths } from './client-reports.controller';
import { asCsvRow, getReport } from './report-test-kit';

const KPP1 = { id: 'kpp-1', role: 'KPP' };
const PM1 = { id: 'pm-1', role: 'PM' };
const SYSTEM = { id: 'scheduler', role: 'SYSTEM' };
const day = (date: string, time = '07:00:00') => `${date}T${time}Z`;
const planned = (contactId: string, at: string) => ({
  contactId,
  kind: 'planned',
  reason: 'info_occasion',
  plannedAt: at,
  assignee: { role: 'KPP', employeeId: 'kpp-1' },
});
const attempt = (contactId: string, outcome: string) => ({
  contactId,
  outcome,
  channel: 'phone',
  direction: 'outgoing',
});
const closed = (contactId: string, closingReason: string) => ({
  contactId,
  closingReason,
  stages: [],
  instrumentsUsed: [],
  instrumentsPlanned: [],
});
const person = (contactPersonId: string, roles: string[], subscribedToNewsletter: boolean) => ({
  contactPersonId,
  name: `Лицо ${contactPersonId}`,
  roles,
  phones: [],
  emails: [],
  interests: [],
  subscribedToNewsletter,
});
/** A week imported on the Monday after it. */
const imported = (h: ClientHistory, weekStart: string, extra: Record<string, unknown>) =>
  h.add(
    'UsageObserved',
    usageWeek(weekStart, { logins: undefined, ...extra }),
    day(addDaysIso(weekStart, 7)),
  );
const addDaysIso = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('client reports: triggers, competitors, signs of deterioration', () => {
  let ledger: TestLedger;
  const analyst = () => ledger.auth('an-1', 'ANALYST');

  beforeAll(async () => {
    ledger = await startTestLedger({ clockStart: '2026-04-10T07:00:00Z', projector: false });
    const t1 = new ClientHistory('444', 't1').register(day('2025-03-01'));
    t1.add('ContactPersonAdded', person('p1', ['decision_maker'], true), day('2025-03-01'))
      .add('ContactPersonAdded', person('p2', ['key_user'], true), day('2025-03-01'))
      .add('ContactPersonAdded', person('p3', ['payer'], false), day('2025-03-01'));
    imported(t1, '2025-03-31', { seminarCertificates: 5 }); // 366 days before 31 March 2026
    imported(t1, '2025-04-07', { seminarCertificates: 1 });
    imported(t1, '2025-12-29', { portalDepartments: ['legal'] }); // before the 90 days
    t1.add('ContactPlanned', planned('w1', day('2026-01-05')), day('2026-01-05'), KPP1)
      .add('CallAttempted', attempt('w1', 'connected'), day('2026-01-05', '08:00:00'), KPP1)
      .add('ContactClosed', closed('w1', 'stage_4'), day('2026-01-10'), KPP1);
    imported(t1, '2026-01-05', { portalDepartments: ['procurement', 'accounting'] });
    t1.add('ContactPlanned', planned('w2', day('2026-02-05')), day('2026-02-05'), KPP1).add(
      'ContactMissed',
      { contactId: 'w2', periodEnd: '2026-02-10' },
      day('2026-02-10'),
      SYSTEM,
    );
    imported(t1, '2026-02-23', { logins: 7, portalLowestRating: 2 }); // before the 30 days
    t1.add('InvoiceIssued', { invoiceId: 'i1', amount: 15000, issuedOn: '2026-03-01' }, day('2026-03-01'));
    imported(t1, '2026-03-02', { logins: 4, portalLowestRating: 4, departmentsTrainedBelowHalf: 2 });
    imported(t1, '2026-03-09', { portalLowestRating: 3 });
    t1.add('ContactPlanned', planned('w3', day('2026-03-16')), day('2026-03-16'), KPP1)
      .add('CallAttempted', attempt('w3', 'no_answer'), day('2026-03-16', '08:00:00'), KPP1)
      .add('ContactClosed', closed('w3', 'unproductive'), day('2026-03-20'), KPP1);
    imported(t1, '2026-03-16', { logins: 1, competitor: 'yes', seminarCertificates: 2 });
    await t1.save(ledger.runtime.store);

    const t2 = new ClientHistory('444', 't2').register(day('2026-01-01'), {
      monthlyFee: 15000,
      kppId: 'kpp-2',
    });
    t2.add('ContactPersonAdded', person('q1', ['decision_maker'], false), day('2026-01-01')).add(
      'CompetitorDiagnosed',
      { halfYear: '2026-H1', competitor: 'no', competitors: [] },
      day('2026-02-01'),
      PM1,
    );
    imported(t2, '2026-03-02', { competitor: 'yes' });
    t2.add('ContactPersonChanged', { contactPersonId: 'q1', roles: ['key_user'] }, day('2026-03-05'), KPP1)
      .add('DecisionMakerCalled', { month: '2026-03' }, day('2026-03-05', '10:00:00'), PM1)
      .add('ContactPlanned', planned('w21', day('2026-03-24')), day('2026-03-24'), KPP1)
      .add('CallAttempted', attempt('w21', 'connected'), day('2026-03-25', '06:00:00'), KPP1)
      .add('ContactClosed', closed('w21', 'changed_circumstances'), day('2026-03-25'), KPP1)
      .add('ThreatRaised', { threatId: 'th1', threatType: 'manual' }, day('2026-04-02'), PM1);
    await t2.save(ledger.runtime.store);

    const t3 = new ClientHistory('444', 't3').register(day('2025-01-01'), {
      monthlyFee: 20000,
      kppId: 'kpp-3',
      pmId: 'pm-3',
    });
    t3.add(
      'CompetitorDiagnosed',
      { halfYear: '2025-H2', competitor: 'yes', competitors: ['Гарант'] },
      day('2025-08-31'),
      PM1,
    ).add(
      'CompetitorDiagnosed',
      { halfYear: '2026-H1', competitor: 'no', competitors: [] },
      day('2026-04-05'),
      PM1,
    );
    await t3.save(ledger.runtime.store);

    const x = new ClientHistory('555', 't1').register(day('2025-03-01'), { ric: '555' });
    x.add('InvoiceIssued', { invoiceId: 'i1', amount: 50000, issuedOn: '2026-03-01' }, day('2026-03-01')).add(
      'CompetitorDiagnosed',
      { halfYear: '2026-H1', competitor: 'yes', competitors: ['Кодекс'] },
      day('2026-03-02'),
      PM1,
    );
    await x.save(ledger.runtime.store);
    await ledger.runtime.projector.catchUp();
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('triggers: the nine parameters of [001] in their windows as of the day', async () => {
    const { body, csv } = await getReport(ledger, 'triggers?date=2026-03-31', analyst());
    // windows from 2026-01-01 (90 d), 2026-03-02 (30 d), 2026-01-31 (60 d), 2025-04-01 (365 d)
    expect(body.items).toEqual([
      {
        clientId: 't1',
        kppId: 'kpp-1',
        portalDepartments90d: ['accounting', 'procurement'], // legal was on 2025-12-29
        logins30d: 5, // 4 + unknown + 1; the 7 of 23 February is before the window
        lowestPortalRating30d: 3,
        departmentsTrainedBelowHalf: 2,
        competitor: 'yes', // the latest import; never diagnosed
        lastTwoWorksFailed60d: true, // w3 (20 March, no answer) and w2 (missed 10 February)
        debtOverOneMonth: true, // 15 000 unpaid on a 10 000 fee
        newsletterSubscribers: 2,
        seminarCertificates365d: 3, // 1 + 2; the 5 of 2025-03-31 is 366 days back
      },
      {
        clientId: 't2',
        kppId: 'kpp-2',
        portalDepartments90d: [],
        logins30d: null, // no week knows the logins: unknown, not zero
        lowestPortalRating30d: null,
        departmentsTrainedBelowHalf: null,
        competitor: 'no', // the diagnosis of 1 February outweighs the import's "yes"
        lastTwoWorksFailed60d: false,
        debtOverOneMonth: false,
        newsletterSubscribers: 0,
        seminarCertificates365d: 0,
      },
      {
        clientId: 't3',
        kppId: 'kpp-3',
        portalDepartments90d: [],
        logins30d: null,
        lowestPortalRating30d: null,
        departmentsTrainedBelowHalf: null,
        competitor: 'yes', // the diagnosis of 5 April is after the day
        lastTwoWorksFailed60d: false,
        debtOverOneMonth: false,
        newsletterSubscribers: 0,
        seminarCertificates365d: 0,
      },
    ]);
    expect(csv).toEqual(body.items.map((i: Record<string, unknown>) => asCsvRow(i)));
    // on 10 February w1 (connected) and w2 are the last two: not both failed
    const february = await getReport(ledger, 'triggers?date=2026-02-10&employeeId=kpp-1', analyst());
    expect(february.body.items).toHaveLength(1);
    expect(february.body.items[0]).toMatchObject({ clientId: 't1', lastTwoWorksFailed60d: false });
  });

  it('competitors: fee segment, last and next diagnosis, competitor and systems, totals per segment', async () => {
    const { body, csv } = await getReport(ledger, 'competitors?date=2026-03-31', analyst());
    expect(body.items.map(({ kppId: _k, pmId: _p, ...rest }: Record<string, unknown>) => rest)).toEqual([
      // never diagnosed: due on the day; competitor from the import
      {
        clientId: 't1',
        monthlyFee: 10000,
        segment: 'small_medium',
        lastDiagnosedOn: null,
        nextDueOn: '2026-03-31',
        competitor: 'yes',
        systems: [],
      },
      // 15 000 ₽ is still small and medium («до 15000»)
      {
        clientId: 't2',
        monthlyFee: 15000,
        segment: 'small_medium',
        lastDiagnosedOn: '2026-02-01',
        nextDueOn: '2026-08-01',
        competitor: 'no',
        systems: [],
      },
      // 31 August + six months = 28 February
      {
        clientId: 't3',
        monthlyFee: 20000,
        segment: 'large',
        lastDiagnosedOn: '2025-08-31',
        nextDueOn: '2026-02-28',
        competitor: 'yes',
        systems: ['Гарант'],
      },
    ]);
    expect(body.totals).toEqual([
      { segment: 'small_medium', clients: 2, withCompetitor: 1 },
      { segment: 'large', clients: 1, withCompetitor: 1 },
    ]);
    expect(csv).toEqual(body.items.map((i: Record<string, unknown>) => asCsvRow(i)));
    const april = await getReport(ledger, 'competitors?date=2026-04-10', analyst());
    expect(april.body.items[2]).toMatchObject({
      lastDiagnosedOn: '2026-04-05',
      nextDueOn: '2026-10-05',
      competitor: 'no',
    });
    expect(april.body.totals[1]).toEqual({ segment: 'large', clients: 1, withCompetitor: 0 });
    const other = await getReport(
      ledger,
      'competitors?date=2026-03-31',
      ledger.auth('an-5', 'ANALYST', '555'),
    );
    expect(other.body.items).toHaveLength(1);
    expect(other.body.items[0]).toMatchObject({ clientId: 't1', systems: ['Кодекс'] });
  });

  it('deterioration: each sign with the day it was first seen and how long until someone acted', async () => {
    const { body, csv } = await getReport(ledger, 'deterioration?from=2026-03-01&to=2026-03-31', analyst());
    expect(body.items).toEqual([
      // the invoice of 1 March makes 1.5 months of debt; the КПП plans a contact on 16 March: 15 days
      {
        clientId: 't1',
        kppId: 'kpp-1',
        sign: 'solvency_falling',
        firstSeenAt: '2026-03-01T07:00:00.000Z',
        firstActionAt: '2026-03-16T07:00:00.000Z',
        reactionHours: 360,
      },
      // the ЛПР stops being one; the ПМ calls three hours later
      {
        clientId: 't2',
        kppId: 'kpp-2',
        sign: 'key_person_changed',
        firstSeenAt: '2026-03-05T07:00:00.000Z',
        firstActionAt: '2026-03-05T10:00:00.000Z',
        reactionHours: 3,
      },
      // w2 missed and w3 not answered: two works in a row without contact; nobody acted yet
      { clientId: 't1', kppId: 'kpp-1', sign: 'no_key_contact', firstSeenAt: '2026-03-20T07:00:00.000Z' },
      // «Смена обстоятельств» (reorganisation, liquidation); the ПМ raises a threat on 2 April: 8 days
      {
        clientId: 't2',
        kppId: 'kpp-2',
        sign: 'reorganisation',
        firstSeenAt: '2026-03-25T07:00:00.000Z',
        firstActionAt: '2026-04-02T07:00:00.000Z',
        reactionHours: 192,
      },
    ]);
    expect(csv).toEqual(
      body.items.map((i: Record<string, unknown>) => ({
        firstActionAt: '',
        reactionHours: '',
        ...asCsvRow(i),
      })),
    );
    const kpp2 = await getReport(
      ledger,
      'deterioration?from=2026-03-01&to=2026-03-31&employeeId=kpp-2',
      analyst(),
    );
    expect(kpp2.body.items.map((i: { sign: string }) => i.sign)).toEqual([
      'key_person_changed',
      'reorganisation',
    ]);
    const other = await getReport(
      ledger,
      'deterioration?from=2026-03-01&to=2026-03-31',
      ledger.auth('an-5', 'ANALYST', '555'),
    );
    expect(other.body.items).toEqual([
      {
        clientId: 't1',
        kppId: 'kpp-1',
        sign: 'solvency_falling',
        firstSeenAt: '2026-03-01T07:00:00.000Z',
        firstActionAt: '2026-03-02T07:00:00.000Z',
        reactionHours: 24,
      },
    ]);
  });

  it('a rebuild gives the same rows', async () => {
    const paths = [
      'triggers?date=2026-03-31',
      'competitors?date=2026-03-31',
      'deterioration?from=2026-03-01&to=2026-03-31',
    ];
    const before = await Promise.all(
      paths.map((p) => ledger.http().get(`/api/v1/reports/${p}`).set(analyst())),
    );
    await ledger.runtime.projector.rebuild('reports');
    const after = await Promise.all(
      paths.map((p) => ledger.http().get(`/api/v1/reports/${p}`).set(analyst())),
    );
    expect(after.map((r) => r.body)).toEqual(before.map((r) => r.body));
    expect(before[2]!.body.items).toHaveLength(4);
  });

  it('adds months as a calendar does', () => {
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-07-15', 6)).toBe('2027-01-15');
  });
});
