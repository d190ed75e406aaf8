import { TestLedger, startTestLedger } from '@ledger/test-support';
import { MSK, activateClient, moveClock, registerClient } from '../testing/steps';

/** The planner less the diagnostic picks of diagnostic weeks (tested in usage.e2e.spec.ts). */
const plannerOf = async (ledger: TestLedger, date: string) =>
  (
    (
      await ledger
        .http()
        .get(`/api/v1/queues/kpp/kpp-1?date=${date}`)
        .set(ledger.auth('kpp-1', 'KPP'))
        .expect(200)
    ).body.items as Array<Record<string, unknown>>
  ).filter((item) => item.kind !== 'diagnostic_pick');

describe('transfer, contacts and the КПП planner over HTTP (manual clock)', () => {
  let ledger: TestLedger;
  const ros = () => ledger.auth('ros-1', 'ROS');
  const kpp = () => ledger.auth('kpp-1', 'KPP');
  const clock = (local: string) => moveClock(ledger, local);
  const planner = (date: string) => plannerOf(ledger, date);

  /** c-1, active on remote service (weekly contacts) since Monday 2 March 2026, 07:00. */
  const activeSince2March = async () => {
    await registerClient(ledger, 'c-1');
    await activateClient(ledger, 'c-1');
  };

  /** Closes the week of 23 March's planned contact with stage 5: March has its engagement. */
  const engagedOn23March = async () => {
    const contactId = 'planned.2026-03-23';
    await clock('2026-03-23T09:30:00');
    await ledger
      .http()
      .post(`/api/v1/clients/c-1/contacts/${contactId}/attempts`)
      .set(kpp())
      .send({ outcome: 'connected', occurredAt: MSK('2026-03-23T09:25:00'), durationSec: 300 })
      .expect(201);
    await ledger
      .http()
      .post(`/api/v1/clients/c-1/contacts/${contactId}/close`)
      .set(kpp())
      .send({ closingReason: 'stage_5', stages: [5], instrumentsUsed: ['functional_card'] })
      .expect(201);
  };

  describe('transfer steps: one ledger, each test with its own client', () => {
    // these tests leave the clock at Monday 2 March 2026, 07:00
    beforeAll(async () => {
      ledger = await startTestLedger({ clockStart: MSK('2026-03-02T07:00:00') });
    });
    afterAll(async () => {
      await ledger.close();
    });

    it('takes a client through the three transfer steps, in order only', async () => {
      await registerClient(ledger, 'c-1');
      const early = await ledger
        .http()
        .post('/api/v1/clients/c-1/transfer-steps')
        .set(ros())
        .send({ step: 'first_remote_call' })
        .expect(409);
      expect(early.body.rule).toBe('transfer_step_out_of_order');
      await ledger
        .http()
        .post('/api/v1/clients/c-1/transfer-steps')
        .set(ros())
        .send({ step: 'letter_and_ros_call' })
        .expect(201);
      await ledger
        .http()
        .post('/api/v1/clients/c-1/transfer-steps')
        .set(ros())
        .send({ step: 'final_engineer_visit', occurredAt: MSK('2026-03-02T06:30:00') })
        .expect(201);
      await ledger
        .http()
        .post('/api/v1/clients/c-1/transfer-steps')
        .set(ledger.auth('kpp-2', 'KPP'))
        .send({ step: 'first_remote_call' })
        .expect(403);
      const done = await ledger
        .http()
        .post('/api/v1/clients/c-1/transfer-steps')
        .set(kpp())
        .send({ step: 'first_remote_call' })
        .expect(201);
      const card = await ledger
        .http()
        .get(`/api/v1/clients/c-1?minPosition=${done.body.position}`)
        .set(kpp())
        .expect(200);
      expect(card.body.lifecycle).toBe('active');
      const bad = await ledger
        .http()
        .post('/api/v1/clients/c-1/transfer-steps')
        .set(ros())
        .send({ step: 'visit' })
        .expect(400);
      expect(bad.body.details[0].field).toBe('step');
    });

    it('lets only ROS take a client off remote service, and only one that is on it', async () => {
      await registerClient(ledger, 'c-exit');
      const candidate = await ledger
        .http()
        .post('/api/v1/clients/c-exit/remote-service-exits')
        .set(ros())
        .send({ to: 'left', reason: 'отказ' })
        .expect(409);
      expect(candidate.body.rule).toBe('not_on_remote_service');
      await ledger
        .http()
        .post('/api/v1/clients/c-exit/remote-service-exits')
        .set(kpp())
        .send({ to: 'left', reason: 'x' })
        .expect(403);
      const bad = await ledger
        .http()
        .post('/api/v1/clients/c-exit/remote-service-exits')
        .set(ros())
        .send({ to: 'away' })
        .expect(400);
      expect([...new Set(bad.body.details.map((d: { field: string }) => d.field))].sort()).toEqual([
        'reason',
        'to',
      ]);
    });

    it('refuses the transfer of a client with debt with 409 naming the rule', async () => {
      await registerClient(ledger, 'c-debt');
      await ledger
        .http()
        .post('/api/v1/clients/c-debt/invoices')
        .set(ros())
        .send({ invoiceId: 'i', amount: 1000, issuedOn: '2026-03-01' })
        .expect(201);
      const res = await ledger
        .http()
        .post('/api/v1/clients/c-debt/transfer-steps')
        .set(ros())
        .send({ step: 'letter_and_ros_call' })
        .expect(409);
      expect(res.body).toEqual({ error: expect.stringMatching(/debt/), rule: 'transfer_refused_debt' });
    });
  });

  describe('contacts and the planner: each test on its own ledger, as it moves the clock', () => {
    // the clock only moves forwards: each test starts its own ledger at Monday 2 March 2026, 07:00
    beforeEach(async () => {
      ledger = await startTestLedger({ clockStart: MSK('2026-03-02T07:00:00') });
    });
    afterEach(async () => {
      await ledger.close();
    });

    it('works a month of weekly contacts from the cadence, with misses and callbacks, as the planner shows them', async () => {
      await activeSince2March();
      // active since Monday 2 March, weekly: each week's contact is planned for its first working day, 9:00
      const weeks = [
        ['2026-03-02', '2026-03-02'],
        ['2026-03-09', '2026-03-10'], // Monday 9 March is a holiday
        ['2026-03-16', '2026-03-16'],
        ['2026-03-23', '2026-03-23'],
      ];
      for (const [i, [periodStart, day]] of weeks.entries()) {
        // generated ids are one path segment: the app puts them in the URL as the planner gives them
        const contactId = `planned.${periodStart}`;
        await clock(`${day}T08:00:00`);
        expect(await planner(day!)).toEqual([
          expect.objectContaining({
            clientId: 'c-1',
            kind: 'planned_contact',
            reason: 'info_occasion',
            dueAt: MSK(`${day}T09:00:00`),
            contactId,
          }),
        ]);
        await clock(`${day}T09:10:00`);
        if (i % 2 === 0) {
          // a miss: call back in 15 minutes, then connected
          await ledger
            .http()
            .post(`/api/v1/clients/c-1/contacts/${contactId}/attempts`)
            .set(kpp())
            .send({ outcome: 'no_answer', occurredAt: MSK(`${day}T09:05:00`), callbackInMinutes: 15 })
            .expect(201);
          expect(await planner(day!)).toEqual([
            expect.objectContaining({ kind: 'callback', dueAt: MSK(`${day}T09:20:00`), contactId }),
          ]);
        }
        await clock(`${day}T09:30:00`);
        await ledger
          .http()
          .post(`/api/v1/clients/c-1/contacts/${contactId}/attempts`)
          .set(kpp())
          .send({ outcome: 'connected', occurredAt: MSK(`${day}T09:25:00`), durationSec: 300 })
          .expect(201);
        const closed = await ledger
          .http()
          .post(`/api/v1/clients/c-1/contacts/${contactId}/close`)
          .set(kpp())
          .send({
            closingReason: i === 3 ? 'stage_5' : 'stage_3',
            stages: i === 3 ? [5] : [3],
            instrumentsUsed: ['functional_card'],
          })
          .expect(201);
        await ledger
          .http()
          .get(`/api/v1/clients/c-1?minPosition=${closed.body.position}`)
          .set(kpp())
          .expect(200);
        expect(await planner(day!)).toEqual([]);
      }
      const history = await ledger.http().get('/api/v1/clients/c-1/history').set(ros()).expect(200);
      const types = history.body.events.map((e: { type: string }) => e.type);
      expect(types.filter((t: string) => t === 'CallAttempted')).toHaveLength(6);
      expect(types.filter((t: string) => t === 'CallbackScheduled')).toHaveLength(2);
      expect(types.filter((t: string) => t === 'StageCompleted')).toHaveLength(4);
      expect(types).not.toContain('ContactMissed');
    });

    it('puts an unplanned `no_planned_contact` in place of a week’s contact that never happened', async () => {
      await activeSince2March();
      await clock('2026-04-06T08:00:00'); // the week of 30 March passed with no call
      const items = await planner('2026-04-06');
      expect(items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'unplanned_contact',
            reason: 'no_planned_contact',
            contactId: 'missed.2026-03-30',
          }),
          expect.objectContaining({ kind: 'planned_contact', contactId: 'planned.2026-04-06' }),
        ]),
      );
    });

    it('shows engagement overdue when a month passes without stage 4 or 5', async () => {
      await activeSince2March();
      await engagedOn23March();
      // March had stage 5 on the 24th; April has none
      await clock('2026-05-04T09:00:00');
      const items = (await planner('2026-05-04')).filter((item) => item.kind === 'engagement_overdue');
      expect(items).toEqual([
        expect.objectContaining({
          clientId: 'c-1',
          kind: 'engagement_overdue',
          dueAt: MSK('2026-05-01T00:00:00'),
        }),
      ]);
    });
  });

  describe('contact input checks: one ledger on Monday 4 May 2026, 09:00 (the clock stays)', () => {
    beforeAll(async () => {
      ledger = await startTestLedger({ clockStart: MSK('2026-05-04T09:00:00') });
    });
    afterAll(async () => {
      await ledger.close();
    });

    it('answers 400 naming the field for an unknown reason or outcome, and refuses another КПП', async () => {
      await registerClient(ledger, 'c-1');
      await activateClient(ledger, 'c-1');
      const reason = await ledger
        .http()
        .post('/api/v1/clients/c-1/contacts')
        .set(kpp())
        .send({ kind: 'unplanned', reason: 'info_occasion', plannedAt: MSK('2026-05-04T10:00:00') })
        .expect(400);
      expect(reason.body.details).toEqual([
        { field: 'reason', message: expect.stringContaining('hot_news') },
      ]);
      const planned = await ledger
        .http()
        .post('/api/v1/clients/c-1/contacts')
        .set(kpp())
        .send({ kind: 'unplanned', reason: 'hot_news', plannedAt: MSK('2026-05-04T10:00:00') })
        .expect(201);
      const outcome = await ledger
        .http()
        .post(`/api/v1/clients/c-1/contacts/${planned.body.contactId}/attempts`)
        .set(kpp())
        .send({ outcome: 'busy', occurredAt: MSK('2026-05-04T08:00:00'), callbackInMinutes: 20 })
        .expect(400);
      expect(outcome.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'callbackInMinutes',
        'outcome',
      ]);
      const other = await ledger
        .http()
        .post('/api/v1/clients/c-1/contacts')
        .set(ledger.auth('kpp-2', 'KPP'))
        .send({ kind: 'unplanned', reason: 'hot_news', plannedAt: MSK('2026-05-04T10:00:00') })
        .expect(403);
      expect(other.body.rule).toBe('not_assigned');
      await ledger.http().get('/api/v1/queues/kpp/kpp-1').set(ledger.auth('kpp-2', 'KPP')).expect(403);
    });
  });
});

describe('contact persons over HTTP', () => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('adds service points with their cadence (ROS)', async () => {
    await registerClient(ledger, 'cp-points');
    const body = { servicePointId: 'branch-1', name: 'Филиал', contactCadence: 'biweekly' };
    await ledger
      .http()
      .post('/api/v1/clients/cp-points/service-points')
      .set(ledger.auth('kpp-1', 'KPP'))
      .send(body)
      .expect(403);
    await ledger
      .http()
      .post('/api/v1/clients/cp-points/service-points')
      .set(ledger.auth('ros-1', 'ROS'))
      .send(body)
      .expect(201);
    const again = await ledger
      .http()
      .post('/api/v1/clients/cp-points/service-points')
      .set(ledger.auth('ros-1', 'ROS'))
      .send(body)
      .expect(409);
    expect(again.body.rule).toBe('service_point_exists');
    const bad = await ledger
      .http()
      .post('/api/v1/clients/cp-points/service-points')
      .set(ledger.auth('ros-1', 'ROS'))
      .send({ ...body, servicePointId: 'x', contactCadence: 'daily' })
      .expect(400);
    expect(bad.body.details[0].field).toBe('contactCadence');
  });

  it('adds and changes contact persons; a new key user reaches the ПМ queue', async () => {
    await registerClient(ledger, 'cp');
    const kpp = ledger.auth('kpp-1', 'KPP');
    const first = await ledger
      .http()
      .post('/api/v1/clients/cp/contact-persons')
      .set(kpp)
      .send({
        name: 'Иванова М. П.',
        roles: ['key_user'],
        phones: ['+7 (978) 123-45-67'],
        emails: ['m.ivanova@example.ru'],
      })
      .expect(201);
    expect(first.body.contactPersonId).toEqual(expect.any(String));
    const bad = await ledger
      .http()
      .post('/api/v1/clients/cp/contact-persons')
      .set(kpp)
      .send({ name: 'X', roles: ['boss'], emails: ['not-an-email'] })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['emails', 'roles']);
    await ledger
      .http()
      .post(`/api/v1/clients/cp/contact-persons/${first.body.contactPersonId}`)
      .set(kpp)
      .send({ roles: ['payer'] })
      .expect(201);
    const second = await ledger
      .http()
      .post('/api/v1/clients/cp/contact-persons')
      .set(kpp)
      .send({ contactPersonId: 'petrov', name: 'Петров', roles: ['key_user'] })
      .expect(201);
    const queue = await ledger
      .http()
      .get(`/api/v1/queues/pm/pm-1?minPosition=${second.body.position}`)
      .set(ledger.auth('pm-1', 'PM'))
      .expect(200);
    expect(queue.body.items).toEqual([expect.objectContaining({ clientId: 'cp', kind: 'key_user_changed' })]);
    await ledger
      .http()
      .post('/api/v1/clients/cp/contact-persons/nobody')
      .set(kpp)
      .send({ roles: ['payer'] })
      .expect(404);
  });
});

describe('the ПМ queue: decision-maker contacts and competitor diagnostics', () => {
  let ledger: TestLedger;
  beforeEach(async () => {
    ledger = await startTestLedger({ clockStart: MSK('2026-03-02T07:00:00') });
  });
  afterEach(async () => {
    await ledger.close();
  });

  /** dm (fee 20 000: a large client), active since Monday 2 March 2026, 07:00; now 9:00. */
  const activeLargeClientAt9 = async () => {
    await registerClient(ledger, 'dm', { monthlyFee: 20000 });
    await activateClient(ledger, 'dm');
    await moveClock(ledger, '2026-03-02T09:00:00');
  };

  const queue = async () =>
    (await ledger.http().get('/api/v1/queues/pm/pm-1').set(ledger.auth('pm-1', 'PM')).expect(200)).body
      .items as Array<{ kind: string }>;

  it('asks the ПМ for the e-mail, then the call, and for the half-year competitor diagnostics', async () => {
    await activeLargeClientAt9();
    expect((await queue()).map((i) => i.kind).sort()).toEqual([
      'competitor_diagnostics',
      'decision_maker_email',
    ]);
    expect((await queue()).find((i) => i.kind === 'competitor_diagnostics')).toMatchObject({
      segment: 'large',
      halfYear: '2026-H1',
    });
    const pm = ledger.auth('pm-1', 'PM');
    const early = await ledger
      .http()
      .post('/api/v1/clients/dm/decision-maker-contacts')
      .set(pm)
      .send({ step: 'call' })
      .expect(409);
    expect(early.body.rule).toBe('decision_maker_email_first');
    await ledger
      .http()
      .post('/api/v1/clients/dm/decision-maker-contacts')
      .set(pm)
      .send({ step: 'email' })
      .expect(201);
    expect((await queue()).map((i) => i.kind).sort()).toEqual([
      'competitor_diagnostics',
      'decision_maker_call',
    ]);
    await ledger
      .http()
      .post('/api/v1/clients/dm/decision-maker-contacts')
      .set(pm)
      .send({ step: 'call' })
      .expect(201);
    await ledger
      .http()
      .post('/api/v1/clients/dm/competitor-diagnostics')
      .set(pm)
      .send({ competitor: 'yes', competitors: ['Гарант'] })
      .expect(201);
    expect(await queue()).toEqual([]);
    await ledger
      .http()
      .post('/api/v1/clients/dm/decision-maker-contacts')
      .set(ledger.auth('kpp-1', 'KPP'))
      .send({ step: 'email' })
      .expect(403);
  });
});
