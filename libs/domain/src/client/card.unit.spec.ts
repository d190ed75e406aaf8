import { ClientEvent, FoldableEvent, RegisteredClient, foldClient, toClientView, workItemsOf } from '..';
import { contactPlanned, invoiced, registered } from '../testing';

/** A constructed history: each event at its own instant, ids e1, e2, … */
const history = (...events: ClientEvent[]): FoldableEvent[] =>
  events.map((e, i) => ({
    ...e,
    metadata: { occurredAt: new Date(Date.UTC(2026, 2, 2, 6, i)).toISOString(), eventId: `e${i + 1}` },
  }));

const person = (
  contactPersonId: string,
  roles: Array<'decision_maker' | 'influencer' | 'key_user' | 'payer'>,
  phones: string[] = [],
): ClientEvent => ({
  type: 'ContactPersonAdded',
  data: { contactPersonId, name: `Лицо ${contactPersonId}`, roles, phones, emails: [], interests: [] },
});

const usageWeek = {
  weekStart: '2026-02-23',
  logins: 0,
  portalRequests: 0,
  hotlineRequests: 0,
  trainedShare: 0.4,
  webinars: 1,
  newsletterClicks: 0,
  videoClicks: 0,
  updatesInstalled: true,
  renewalPeriodStarted: true,
  unreturnedActs: 0,
  competitor: 'unknown' as const,
};

describe('the client card from a constructed history', () => {
  const events = history(
    registered({ inn: '7701234567', contactCadence: 'weekly' }),
    { type: 'ServicePointAdded', data: { servicePointId: 'sp-2', name: 'Склад', contactCadence: 'monthly' } },
    person('cp-2', ['key_user'], ['+7 900 000-00-02']),
    {
      type: 'ContactPersonAdded',
      data: {
        contactPersonId: 'cp-1',
        name: 'Иванова Анна',
        roles: ['payer', 'decision_maker'],
        phones: ['+7 900 000-00-01', '+7 900 000-00-09'],
        emails: ['anna@example.ru'],
        interests: [],
        position: 'главный бухгалтер',
      },
    },
    invoiced(25000, 'inv-1', '2026-02-01'),
    {
      type: 'PaymentPromiseRecorded',
      data: {
        promiseId: 'p-1',
        promisedOn: '2026-03-20',
        target: 25000,
        remind: true,
        remindOn: '2026-03-19',
        projectedDebtMonths: 2.5,
      },
    },
    {
      type: 'DeadlineSet',
      data: {
        deadlineId: 'promise.p-1.reminder',
        kind: 'payment_reminder',
        dueAt: '2026-03-18T21:00:00.000Z',
        promiseId: 'p-1',
      },
    },
    {
      type: 'DeadlineSet',
      data: {
        deadlineId: 'promise.p-1.due',
        kind: 'promise_due',
        dueAt: '2026-03-20T21:00:00.000Z',
        promiseId: 'p-1',
      },
    },
    contactPlanned('planned.2026-03-02', { servicePointId: 'sp-2', instrumentsPlanned: ['webinar'] }),
    {
      type: 'CallAttempted',
      data: {
        contactId: 'planned.2026-03-02',
        outcome: 'no_answer',
        channel: 'phone',
        direction: 'outgoing',
      },
    },
    {
      type: 'CallbackScheduled',
      data: { contactId: 'planned.2026-03-02', callbackAt: '2026-03-02T06:30:00.000Z', inMinutes: 30 },
    },
    contactPlanned('u-1', {
      kind: 'unplanned',
      reason: 'unpaid_invoice',
      plannedAt: '2026-03-03T07:00:00.000Z',
      contactPersonId: 'cp-1',
    }),
    { type: 'UsageObserved', data: { ...usageWeek, weekStart: '2026-02-16', logins: 5 } },
    { type: 'UsageObserved', data: usageWeek },
  );
  const state = foldClient(events) as RegisteredClient;
  const view = toClientView(state)!;

  it('keeps the fields it had', () => {
    expect(view).toMatchObject({
      clientId: 'c-1',
      ric: '444',
      name: 'ООО «Ромашка»',
      inn: '7701234567',
      category: 'B',
      monthlyFee: 10000,
      kppId: 'kpp-1',
      pmId: 'pm-1',
      lifecycle: 'candidate',
      responsible: { role: 'KPP', employeeId: 'kpp-1' },
      // 25 000 ₽ unpaid at a 10 000 ₽ fee
      unpaid: 25000,
      debtMonths: 2.5,
      brokenPromisesInRow: 0,
      onTimeMonthsInRow: 0,
      openThreats: [],
      lastPromise: { promiseId: 'p-1', promisedOn: '2026-03-20', status: 'open' },
    });
  });

  it('answers the open promise with its two deadlines', () => {
    expect(view.openPromise).toEqual({
      promiseId: 'p-1',
      promisedOn: '2026-03-20',
      remind: true,
      remindOn: '2026-03-19',
      target: 25000,
      paidInTime: 0,
      // the reminder call at the start of 19 March (МСК), the check at the end of 20 March
      deadlines: { reminderAt: '2026-03-18T21:00:00.000Z', breaksAt: '2026-03-20T21:00:00.000Z' },
    });
  });

  it('lists contact persons with their roles, by id', () => {
    expect(view.contactPersons).toEqual([
      {
        contactPersonId: 'cp-1',
        name: 'Иванова Анна',
        roles: ['payer', 'decision_maker'],
        phones: ['+7 900 000-00-01', '+7 900 000-00-09'],
        emails: ['anna@example.ru'],
        position: 'главный бухгалтер',
      },
      {
        contactPersonId: 'cp-2',
        name: 'Лицо cp-2',
        roles: ['key_user'],
        phones: ['+7 900 000-00-02'],
        emails: [],
      },
    ]);
  });

  it('lists the main service point first, each with its cadence', () => {
    expect(view.servicePoints).toEqual([
      { servicePointId: 'main', contactCadence: 'weekly' },
      { servicePointId: 'sp-2', name: 'Склад', contactCadence: 'monthly' },
    ]);
  });

  it('lists open contacts by planned time with attempts, last outcome and the callback', () => {
    expect(view.openContacts).toEqual([
      {
        contactId: 'planned.2026-03-02',
        kind: 'planned',
        reason: 'info_occasion',
        plannedAt: '2026-03-02T06:00:00.000Z',
        servicePointId: 'sp-2',
        assignee: { role: 'KPP', employeeId: 'kpp-1' },
        instrumentsPlanned: ['webinar'],
        attempts: 1,
        lastOutcome: 'no_answer',
        callbackAt: '2026-03-02T06:30:00.000Z',
      },
      {
        contactId: 'u-1',
        kind: 'unplanned',
        reason: 'unpaid_invoice',
        plannedAt: '2026-03-03T07:00:00.000Z',
        servicePointId: 'main',
        contactPersonId: 'cp-1',
        assignee: { role: 'KPP', employeeId: 'kpp-1' },
        instrumentsPlanned: [],
        attempts: 0,
      },
    ]);
  });

  it('answers the contact necessity with its signs from the latest week and the debt', () => {
    // [003] weights: base 0.2 + renewal period 0.3 + debt over a month 0.1 + hotline and portal
    // unused 0.05 + training below the B norm (40 % < 50 %) 0.2 = 0.85; updates installed: no 0.1
    expect(view.contactNecessity).toEqual({
      indicator: 0.85,
      signs: {
        renewalPeriod: true,
        debt: true,
        unreturnedActs: false,
        noSystemUse: true,
        noUpdates: false,
        hotlinePortalUnused: true,
        trainingNotMet: true,
      },
    });
  });

  it('answers the latest usage week as observed', () => {
    expect(view.latestUsageWeek).toEqual(usageWeek);
  });

  it('answers the configured weights: a heavier debt sign moves the indicator', () => {
    const heavier = toClientView(state, {
      weights: { ...DEFAULT_WEIGHTS(), debt: 0.3 },
      debtOverMonths: 1,
    })!;
    expect(heavier.contactNecessity.indicator).toBe(1.05);
  });

  it('drops the reminder deadline once the reminder call is done, keeps the check', () => {
    const done = foldClient(
      history({ type: 'PaymentReminderDone', data: { promiseId: 'p-1' } }),
      state,
    ) as RegisteredClient;
    expect(toClientView(done)!.openPromise!.deadlines).toEqual({ breaksAt: '2026-03-20T21:00:00.000Z' });
  });

  it('answers empty parts for a client just registered', () => {
    const fresh = toClientView(foldClient(history(registered())))!;
    expect(fresh).toMatchObject({
      openPromise: null,
      contactPersons: [],
      servicePoints: [{ servicePointId: 'main', contactCadence: 'weekly' }],
      openContacts: [],
      latestUsageWeek: null,
      contactNecessity: { indicator: 0.2 },
    });
  });

  describe('whom to call on each work item', () => {
    const items = Object.fromEntries(workItemsOf(state).map((i) => [i.itemId, i.details['contactPersonId']]));

    it('a contact planned with a person: that person; otherwise the key user', () => {
      expect(items['contact.u-1']).toBe('cp-1');
      expect(items['contact.planned.2026-03-02']).toBe('cp-2');
    });

    it('a payment reminder: the payer (ЧДД)', () => {
      const due = foldClient(
        history({ type: 'PaymentReminderDue', data: { promiseId: 'p-1', remindOn: '2026-03-19' } }),
        state,
      );
      const reminder = workItemsOf(due).find((i) => i.kind === 'payment_reminder');
      expect(reminder?.details['contactPersonId']).toBe('cp-1');
    });

    it('no contact persons: no one named', () => {
      const bare = foldClient(history(registered(), contactPlanned('x')));
      expect(workItemsOf(bare)[0]!.details).not.toHaveProperty('contactPersonId');
    });
  });
});

const DEFAULT_WEIGHTS = () => ({
  base: 0.2,
  renewalPeriodStarted: 0.3,
  debt: 0.1,
  unreturnedActs: 0,
  noSystemUse: 0,
  noUpdates: 0.1,
  hotlineAndPortalNotUsed: 0.05,
  trainingNormNotMet: 0.2,
});
