import { TestLedger, startTestLedger } from '@ledger/test-support';
import { MSK, activateClient, moveClock, registerClient } from '../testing/steps';

/** Cyclic format [003]: full and diagnostic weeks, picks from the latest usage observations. */
describe('usage observations and the diagnostic week', () => {
  let ledger: TestLedger;
  const ros = () => ledger.auth('ros-1', 'ROS');
  const kpp = () => ledger.auth('kpp-1', 'KPP');
  const week = (clientId: string, extra: Record<string, unknown> = {}) => ({
    clientId,
    weekStart: '2026-03-02',
    logins: 12,
    portalRequests: 1,
    trainedShare: 0.8,
    newsletterClicks: 2,
    videoClicks: 1,
    competitor: 'no',
    ...extra,
  });

  /** Four clients of kpp-1, active on remote service since Monday 2 March 2026, 07:00. */
  const fourActiveClients = async () => {
    for (const id of ['fine', 'no-logins', 'rival', 'unknown-usage']) {
      await registerClient(ledger, id);
      await activateClient(ledger, id);
    }
  };
  /** The week of 2 March observed: `fine` well, `no-logins` without logins, `rival` with a competitor. */
  const firstWeek = () => ({
    observations: [
      week('fine'),
      week('no-logins', { logins: 0 }),
      week('rival', { competitor: 'yes', renewalPeriodStarted: true }),
    ],
  });
  const recordFirstWeek = () =>
    ledger.http().post('/api/v1/usage-observations').set(ros()).send(firstWeek()).expect(201);

  // each test starts its own ledger at Monday 2 March 2026, 07:00: the clock only moves forwards,
  // and a week is recorded once per client
  beforeEach(async () => {
    ledger = await startTestLedger({ clockStart: MSK('2026-03-02T07:00:00') });
    await fourActiveClients();
  });
  afterEach(async () => {
    await ledger.close();
  });

  it('records a week per client, once, and reports the rows naming an unknown client', async () => {
    const body = firstWeek();
    const first = await ledger.http().post('/api/v1/usage-observations').set(ros()).send(body).expect(201);
    expect(first.body).toMatchObject({
      observations: 3,
      recorded: 3,
      position: expect.stringMatching(/^\d+$/),
    });
    const again = await ledger.http().post('/api/v1/usage-observations').set(ros()).send(body).expect(201);
    expect(again.body.recorded).toBe(0);
    // issue 12: per-row errors instead of all-or-nothing — the known client's week is recorded
    const unknown = await ledger
      .http()
      .post('/api/v1/usage-observations')
      .set(ros())
      .send({ observations: [week('fine', { weekStart: '2026-02-23' }), week('ghost')] })
      .expect(201);
    expect(unknown.body).toMatchObject({
      observations: 2,
      recorded: 1,
      rejected: [{ row: 1, clientId: 'ghost', rule: 'client_not_found', error: expect.any(String) }],
    });
    const bad = await ledger
      .http()
      .post('/api/v1/usage-observations')
      .set(ros())
      .send({ observations: [{ clientId: 'fine', weekStart: '2026-3-9', trainedShare: 2 }] })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'observations.0.trainedShare',
      'observations.0.weekStart',
    ]);
    await ledger.http().post('/api/v1/usage-observations').set(kpp()).send(body).expect(403);
  });

  it('calls every client in a full week, and only those failing a criterion in a diagnostic week', async () => {
    await recordFirstWeek();
    await ledger.runtime.settle();
    // 2 March 2026 begins a full week (weeks alternate from FIRST_FULL_WEEK = 5 January 2026)
    const full = await ledger.http().get('/api/v1/queues/kpp/kpp-1?date=2026-03-02').set(kpp()).expect(200);
    expect(full.body.weekKind).toBe('full');
    // same due time: the higher contact necessity first [003] (renewal +0.30, no updates +0.10)
    const fullPlanned = full.body.items.filter((i: { kind: string }) => i.kind === 'planned_contact');
    expect(
      fullPlanned.map((i: { clientId: string; contactNecessity: number }) => [
        i.clientId,
        i.contactNecessity,
      ]),
    ).toEqual([
      ['rival', 0.6],
      ['fine', 0.3],
      ['no-logins', 0.3],
      ['unknown-usage', 0.2],
    ]);

    await moveClock(ledger, '2026-03-10T08:00:00');
    const diagnostic = await ledger
      .http()
      .get('/api/v1/queues/kpp/kpp-1?date=2026-03-10')
      .set(kpp())
      .expect(200);
    expect(diagnostic.body.weekKind).toBe('diagnostic');
    const picks = diagnostic.body.items.filter((i: { kind: string }) => i.kind === 'diagnostic_pick');
    // same due time: still the higher contact necessity first, as in a full week
    expect(picks).toEqual([
      expect.objectContaining({ clientId: 'rival', criteria: ['competitor_present'], contactNecessity: 0.6 }),
      expect.objectContaining({
        clientId: 'no-logins',
        criteria: ['no_logins_last_week'],
        dueAt: MSK('2026-03-09T00:00:00'),
        contactNecessity: 0.3,
      }),
      expect.objectContaining({
        clientId: 'unknown-usage',
        criteria: ['no_usage_data'],
        contactNecessity: 0.2,
      }),
    ]);
    const planned = diagnostic.body.items
      .filter((i: { kind: string }) => i.kind === 'planned_contact')
      .map((i: { clientId: string }) => i.clientId);
    expect(planned).not.toContain('fine');
    expect(planned).toEqual(expect.arrayContaining(['no-logins', 'rival', 'unknown-usage']));
  });
});
