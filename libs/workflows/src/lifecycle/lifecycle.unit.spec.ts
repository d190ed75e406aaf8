import { DomainError, toClientView, workItemsOf } from '@ledger/domain';
import { ClientSimulation } from '@ledger/workflows/testing';
import { periodEnd } from '../contact-cadence/periods';

const MSK = (local: string) => new Date(`${local}+03:00`).toISOString();
const ROS = { id: 'ros-1', role: 'ROS' } as const;
const KPP = { id: 'kpp-1', role: 'KPP' } as const;

const ruleOf = (run: () => unknown): string => {
  try {
    run();
    return 'accepted';
  } catch (error) {
    return (error as DomainError).rule;
  }
};

describe('lifecycle: transfer to remote service in three ordered steps', () => {
  it('goes candidate → transferring → active, recording the criteria and the first engagement check', () => {
    const sim = ClientSimulation.registered(MSK('2026-03-02T10:00:00'));
    expect(sim.types(sim.run({ type: 'RecordTransferStep', step: 'letter_and_ros_call' }, ROS))).toEqual([
      'TransferToRemoteServiceStarted',
      'TransferLetterSent',
    ]);
    expect(sim.events[1]!.data).toEqual({ criteria: { category: 'B', monthlyFee: 10000, debtMonths: 0 } });
    expect(toClientView(sim.state)!.lifecycle).toBe('transferring');
    sim.run({ type: 'RecordTransferStep', step: 'final_engineer_visit' }, ROS);
    const first = sim.run({ type: 'RecordTransferStep', step: 'first_remote_call' }, KPP);
    expect(sim.types(first)).toEqual([
      'FirstRemoteCallCompleted',
      'DeadlineSet',
      'DeadlineSet',
      'DeadlineSet',
      'DeadlineSet',
    ]);
    expect(first.slice(3).map((e) => (e.data as { deadlineId: string }).deadlineId)).toEqual([
      'decision_maker.2026-03',
      'competitors.2026-H1',
    ]);
    expect(first[2]!.data).toEqual({
      deadlineId: 'contacts.2026-03-02.start',
      kind: 'contact_period_start',
      dueAt: MSK('2026-03-02T00:00:00'),
    });
    expect(first[1]!.data).toEqual({
      deadlineId: 'engagement.2026-03',
      kind: 'engagement_check',
      dueAt: MSK('2026-04-01T00:00:00'),
    });
    expect(toClientView(sim.state)!.lifecycle).toBe('active');
  });

  it.each([
    ['final_engineer_visit', 'transfer_step_out_of_order'],
    ['first_remote_call', 'transfer_step_out_of_order'],
  ] as const)('refuses %s before the letter (%s)', (step, rule) => {
    const sim = ClientSimulation.registered(MSK('2026-03-02T10:00:00'));
    expect(ruleOf(() => sim.run({ type: 'RecordTransferStep', step }, ROS))).toBe(rule);
    expect(sim.events).toHaveLength(1);
  });

  it('refuses to start the transfer of a client with debt, naming the rule', () => {
    const sim = ClientSimulation.registered(MSK('2026-03-02T10:00:00'));
    sim.run({ type: 'IssueInvoice', invoiceId: 'i', amount: 5000, issuedOn: '2026-03-01' });
    expect(ruleOf(() => sim.run({ type: 'RecordTransferStep', step: 'letter_and_ros_call' }, ROS))).toBe(
      'transfer_refused_debt',
    );
    sim.run({ type: 'RecordPayment', paymentId: 'p', amount: 5000, paidOn: '2026-03-02' });
    expect(ruleOf(() => sim.run({ type: 'RecordTransferStep', step: 'letter_and_ros_call' }, ROS))).toBe(
      'accepted',
    );
  });

  it('refuses a step done twice and lets only ROS (or the КПП, for the first call) record steps', () => {
    const sim = ClientSimulation.registered(MSK('2026-03-02T10:00:00'));
    expect(ruleOf(() => sim.run({ type: 'RecordTransferStep', step: 'letter_and_ros_call' }, KPP))).toBe(
      'not_allowed_transfer_step',
    );
    sim.run({ type: 'RecordTransferStep', step: 'letter_and_ros_call' }, ROS);
    expect(ruleOf(() => sim.run({ type: 'RecordTransferStep', step: 'letter_and_ros_call' }, ROS))).toBe(
      'transfer_step_out_of_order',
    );
    sim.run({ type: 'RecordTransferStep', step: 'final_engineer_visit' }, ROS);
    expect(
      ruleOf(() =>
        sim.run({ type: 'RecordTransferStep', step: 'first_remote_call' }, { id: 'kpp-2', role: 'KPP' }),
      ),
    ).toBe('not_allowed_transfer_step');
  });

  it('escalates an active client with the ПМ and brings it back with the КПП', () => {
    const sim = active();
    sim.run({ type: 'TakeClientAsThreat' }, { id: 'pm-1', role: 'PM' });
    expect(toClientView(sim.state)!.lifecycle).toBe('escalated');
  });
});

/** An active client on remote service since 2 March 2026. */
function active(): ClientSimulation {
  const sim = ClientSimulation.registered(MSK('2026-03-02T10:00:00'));
  for (const step of ['letter_and_ros_call', 'final_engineer_visit', 'first_remote_call'] as const) {
    sim.run({ type: 'RecordTransferStep', step }, ROS);
  }
  return sim;
}

describe('contacts, attempts, callbacks and closing', () => {
  it('plans a contact, records a miss with a callback in 30 minutes, then closes it with stages', () => {
    const sim = active();
    sim.run(
      {
        type: 'PlanContact',
        contactId: 'k1',
        kind: 'planned',
        reason: 'info_occasion',
        plannedAt: MSK('2026-03-03T10:00:00'),
      },
      KPP,
    );
    sim.at(MSK('2026-03-03T10:10:00'));
    const missed = sim.run(
      {
        type: 'RecordCallAttempt',
        contactId: 'k1',
        outcome: 'no_answer',
        occurredAt: MSK('2026-03-03T10:05:00'),
        callbackInMinutes: 30,
      },
      KPP,
    );
    expect(sim.types(missed)).toEqual(['CallAttempted', 'CallbackScheduled']);
    expect(missed[1]!.data).toEqual({
      contactId: 'k1',
      inMinutes: 30,
      callbackAt: MSK('2026-03-03T10:35:00'),
    });
    expect(missed[0]!.occurredAt).toBe(MSK('2026-03-03T10:05:00'));
    sim.at(MSK('2026-03-03T10:40:00'));
    sim.run(
      {
        type: 'RecordCallAttempt',
        contactId: 'k1',
        outcome: 'connected_with_login',
        occurredAt: MSK('2026-03-03T10:36:00'),
        durationSec: 420,
      },
      KPP,
    );
    const closed = sim.run(
      {
        type: 'CloseContact',
        contactId: 'k1',
        closingReason: 'stage_4',
        stages: [4, 2, 4],
        instrumentsUsed: ['video_consultant'],
      },
      KPP,
    );
    expect(sim.types(closed)).toEqual(['ContactClosed', 'StageCompleted', 'StageCompleted']);
    expect(closed.slice(1).map((e) => e.data)).toEqual([
      { stage: 2, contactId: 'k1', onDate: '2026-03-03' },
      { stage: 4, contactId: 'k1', onDate: '2026-03-03' },
    ]);
    expect(sim.state.status === 'registered' && sim.state.lastEngagementMonth).toBe('2026-03');
  });

  it('refuses attempts on a contact that is not open, in the future, or by a КПП of another client', () => {
    const sim = active();
    sim.run(
      {
        type: 'PlanContact',
        contactId: 'k1',
        kind: 'unplanned',
        reason: 'hot_news',
        plannedAt: MSK('2026-03-02T10:00:00'),
      },
      KPP,
    );
    expect(
      ruleOf(() =>
        sim.run(
          {
            type: 'RecordCallAttempt',
            contactId: 'nope',
            outcome: 'connected',
            occurredAt: MSK('2026-03-02T09:00:00'),
          },
          KPP,
        ),
      ),
    ).toBe('contact_not_open');
    expect(
      ruleOf(() =>
        sim.run(
          {
            type: 'RecordCallAttempt',
            contactId: 'k1',
            outcome: 'connected',
            occurredAt: MSK('2026-03-02T11:00:00'),
          },
          KPP,
        ),
      ),
    ).toBe('attempt_in_future');
    expect(
      ruleOf(() =>
        sim.run(
          {
            type: 'RecordCallAttempt',
            contactId: 'k1',
            outcome: 'connected',
            occurredAt: MSK('2026-03-02T09:00:00'),
          },
          { id: 'kpp-2', role: 'KPP' },
        ),
      ),
    ).toBe('not_assigned');
    sim.run(
      {
        type: 'CloseContact',
        contactId: 'k1',
        closingReason: 'unproductive',
        stages: [],
        instrumentsUsed: [],
      },
      KPP,
    );
    expect(
      ruleOf(() =>
        sim.run(
          {
            type: 'CloseContact',
            contactId: 'k1',
            closingReason: 'unproductive',
            stages: [],
            instrumentsUsed: [],
          },
          KPP,
        ),
      ),
    ).toBe('contact_not_open');
  });
});

/** The engagement check's own events, among the cadence's that fall due at the same time. */
const engagementOnly = (events: ReturnType<ClientSimulation['at']>) =>
  events.filter(
    (e) =>
      e.rule === 'lifecycle.engagement_monthly' ||
      (e.type === 'DeadlineFired' && e.data.kind === 'engagement_check'),
  );

describe('engagement at least once a calendar month', () => {
  it('puts the client on the planner when March ends without stage 4 or 5, until the next engagement', () => {
    const sim = active();
    sim.run(
      {
        type: 'PlanContact',
        contactId: 'k1',
        kind: 'planned',
        reason: 'training',
        plannedAt: MSK('2026-03-10T10:00:00'),
      },
      KPP,
    );
    sim.at(MSK('2026-03-10T11:00:00'));
    sim.run(
      { type: 'CloseContact', contactId: 'k1', closingReason: 'stage_3', stages: [3], instrumentsUsed: [] },
      KPP,
    );
    const april = engagementOnly(sim.at(MSK('2026-04-01T00:00:00')));
    expect(sim.types(april)).toEqual(['DeadlineFired', 'EngagementOverdue', 'DeadlineSet']);
    expect(april[1]).toMatchObject({ data: { month: '2026-03' }, rule: 'lifecycle.engagement_monthly' });
    expect(april[2]!.data).toMatchObject({
      deadlineId: 'engagement.2026-04',
      dueAt: MSK('2026-05-01T00:00:00'),
    });
    expect(sim.state.status === 'registered' && sim.state.engagementOverdueSince).toBe(
      MSK('2026-04-01T00:00:00'),
    );

    sim.at(MSK('2026-04-02T10:00:00'));
    sim.run(
      {
        type: 'PlanContact',
        contactId: 'k2',
        kind: 'unplanned',
        reason: 'hot_news',
        plannedAt: MSK('2026-04-02T10:00:00'),
      },
      KPP,
    );
    sim.run(
      { type: 'CloseContact', contactId: 'k2', closingReason: 'stage_5', stages: [5], instrumentsUsed: [] },
      KPP,
    );
    expect(sim.state.status === 'registered' && sim.state.engagementOverdueSince).toBeUndefined();
    // April had its engagement: the check at the end of April finds nothing owed
    const may = sim
      .at(MSK('2026-05-01T00:00:00'))
      .filter(
        (e) =>
          e.rule === 'lifecycle.engagement_monthly' ||
          (e.type === 'DeadlineFired' && e.data.kind === 'engagement_check'),
      );
    expect(sim.types(may)).toEqual(['DeadlineFired', 'DeadlineSet']);
  });
});

describe('contact persons and the key user', () => {
  const person = (
    contactPersonId: string,
    roles: Array<'decision_maker' | 'influencer' | 'key_user' | 'payer'>,
  ) => ({
    type: 'AddContactPerson' as const,
    contactPersonId,
    name: `Person ${contactPersonId}`,
    roles,
    phones: ['+7 978 000-00-00'],
    emails: [`${contactPersonId}@example.ru`],
    interests: ['бухгалтерия'],
  });

  it('raises a threat signal for the ПМ when the key user changes, not when the first one is named', () => {
    const sim = active();
    expect(sim.types(sim.run(person('ivanova', ['key_user', 'payer']), KPP))).toEqual(['ContactPersonAdded']);
    expect(sim.types(sim.run(person('petrov', ['decision_maker']), KPP))).toEqual(['ContactPersonAdded']);
    const changed = sim.run(person('sidorova', ['key_user']), KPP);
    expect(sim.types(changed)).toEqual(['ContactPersonAdded', 'KeyUserChanged']);
    const moved = sim.run({ type: 'ChangeContactPerson', contactPersonId: 'ivanova', roles: ['payer'] }, KPP);
    expect(sim.types(moved)).toEqual(['ContactPersonChanged', 'KeyUserChanged']);
    expect(moved[1]).toMatchObject({
      data: { previousContactPersonIds: ['ivanova', 'sidorova'], contactPersonIds: ['sidorova'] },
      rule: 'contacts.key_user_changed',
      evidence: [moved[0]!.eventId],
    });
    const items = workItemsOf(sim.state);
    expect(items).toEqual([
      expect.objectContaining({ kind: 'key_user_changed', assignee: { role: 'PM', employeeId: 'pm-1' } }),
    ]);
  });

  it('puts the contact persons on the handover sheet', () => {
    const sim = active();
    sim.run(person('ivanova', ['key_user']), KPP);
    const [, handover] = sim.run({ type: 'HandOverToPM', comment: 'клиент недоволен' }, KPP);
    expect(handover!.data).toMatchObject({
      sheet: {
        contacts: [
          {
            contactPersonId: 'ivanova',
            name: 'Person ivanova',
            roles: ['key_user'],
            phones: ['+7 978 000-00-00'],
          },
        ],
        kppComment: 'клиент недоволен',
      },
    });
  });
});

describe('planned contacts from the cadence', () => {
  const planned = (sim: ClientSimulation) =>
    sim.events
      .filter((e) => e.type === 'ContactPlanned')
      .map((e) => e.data as { contactId: string; kind: string; reason: string; plannedAt: string });

  it('plans one contact a week on its first working day, and replaces a missed one with `no_planned_contact`', () => {
    const sim = active(); // active on Monday 2 March 2026, weekly
    sim.at(MSK('2026-03-02T10:00:00'));
    expect(planned(sim)).toEqual([
      {
        contactId: 'planned.2026-03-02',
        kind: 'planned',
        reason: 'info_occasion',
        plannedAt: MSK('2026-03-02T09:00:00'),
        assignee: { role: 'KPP', employeeId: 'kpp-1' },
      },
    ]);
    // this week's contact happens
    sim.run(
      {
        type: 'RecordCallAttempt',
        contactId: 'planned.2026-03-02',
        outcome: 'connected',
        occurredAt: MSK('2026-03-02T09:30:00'),
      },
      KPP,
    );
    sim.run(
      {
        type: 'CloseContact',
        contactId: 'planned.2026-03-02',
        closingReason: 'stage_2',
        stages: [2],
        instrumentsUsed: [],
      },
      KPP,
    );
    // the next week's starts on Monday 9 March, a holiday: planned for Tuesday the 10th; it never happens
    const nextWeeks = sim.at(MSK('2026-03-16T00:00:00'));
    expect(sim.types(nextWeeks).filter((t) => t === 'ContactMissed')).toEqual(['ContactMissed']);
    expect(planned(sim).slice(1)).toEqual([
      expect.objectContaining({ contactId: 'planned.2026-03-09', plannedAt: MSK('2026-03-10T09:00:00') }),
      expect.objectContaining({
        contactId: 'missed.2026-03-09',
        kind: 'unplanned',
        reason: 'no_planned_contact',
        plannedAt: MSK('2026-03-16T00:00:00'),
      }),
      expect.objectContaining({ contactId: 'planned.2026-03-16', plannedAt: MSK('2026-03-16T09:00:00') }),
    ]);
    expect(Object.keys(sim.state.status === 'registered' ? sim.state.openContacts : {}).sort()).toEqual([
      'missed.2026-03-09',
      'planned.2026-03-16',
    ]);
  });

  it.each([
    ['weekly', '2026-03-04', '2026-03-08'],
    ['twice_weekly', '2026-03-02', '2026-03-04'],
    ['twice_weekly', '2026-03-05', '2026-03-08'],
    ['biweekly', '2026-03-02', '2026-03-15'],
    ['monthly', '2026-02-01', '2026-02-28'],
    ['monthly', '2026-12-14', '2026-12-31'],
  ] as const)('a %s period starting %s ends on %s', (cadence, start, end) => {
    expect(periodEnd(start, cadence)).toBe(end);
  });
});

describe('the ПМ’s decision-maker contact and competitor diagnostics', () => {
  const PM = { id: 'pm-1', role: 'PM' } as const;

  it('asks monthly for the e-mail, then the call, and twice a year for competitor diagnostics', () => {
    const sim = active();
    sim.at(MSK('2026-03-02T10:00:00'));
    expect(
      workItemsOf(sim.state)
        .filter((i) => i.assignee.role === 'PM')
        .map((i) => i.kind)
        .sort(),
    ).toEqual(['competitor_diagnostics', 'decision_maker_email']);
    expect(ruleOf(() => sim.run({ type: 'RecordDecisionMakerStep', step: 'call' }, PM))).toBe(
      'decision_maker_email_first',
    );
    expect(
      ruleOf(() => sim.run({ type: 'RecordDecisionMakerStep', step: 'email' }, { id: 'pm-9', role: 'PM' })),
    ).toBe('not_personal_manager');
    sim.run({ type: 'RecordDecisionMakerStep', step: 'email', comment: 'топ-вопросы по НДС' }, PM);
    expect(workItemsOf(sim.state).map((i) => i.kind)).toContain('decision_maker_call');
    sim.run({ type: 'RecordDecisionMakerStep', step: 'call' }, PM);
    sim.run({ type: 'RecordCompetitorDiagnostics', competitor: 'yes', competitors: ['Гарант'] }, PM);
    expect(workItemsOf(sim.state).filter((i) => i.assignee.role === 'PM')).toEqual([]);
    // April brings the next decision-maker contact; July the next diagnostics
    sim.at(MSK('2026-04-01T00:00:00'));
    expect(
      workItemsOf(sim.state)
        .filter((i) => i.assignee.role === 'PM')
        .map((i) => i.kind),
    ).toEqual(['decision_maker_email']);
    sim.at(MSK('2026-07-01T00:00:00'));
    expect(workItemsOf(sim.state).find((i) => i.kind === 'competitor_diagnostics')).toMatchObject({
      details: { halfYear: '2026-H2', segment: 'small_medium' },
    });
  });
});

describe('leaving remote service', () => {
  it('ends the planning of an active client that returns to field service, and refuses a candidate', () => {
    const sim = active();
    sim.at(MSK('2026-03-02T10:00:00'));
    const events = sim.run(
      { type: 'LeaveRemoteService', to: 'returned_to_field_service', reason: 'signs of deterioration' },
      ROS,
    );
    expect(events[0]).toMatchObject({
      type: 'ClientLeftRemoteService',
      data: { to: 'returned_to_field_service' },
    });
    expect(
      sim
        .types(events)
        .slice(1)
        .every((t) => t === 'DeadlineCancelled'),
    ).toBe(true);
    expect(toClientView(sim.state)!.lifecycle).toBe('returned_to_field_service');
    expect(workItemsOf(sim.state)).toEqual([]);
    expect(sim.types(sim.at(MSK('2026-06-01T00:00:00')))).toEqual([]);
    const candidate = ClientSimulation.registered(MSK('2026-03-02T10:00:00'));
    expect(ruleOf(() => candidate.run({ type: 'LeaveRemoteService', to: 'left', reason: 'x' }, ROS))).toBe(
      'not_on_remote_service',
    );
    expect(ruleOf(() => sim.run({ type: 'LeaveRemoteService', to: 'left', reason: 'x' }, KPP))).toBe(
      'not_allowed_lifecycle',
    );
  });

  it('compares the instruments planned with those used when a contact is closed', () => {
    const sim = active();
    sim.run(
      {
        type: 'PlanContact',
        contactId: 'k',
        kind: 'planned',
        reason: 'training',
        plannedAt: MSK('2026-03-02T09:00:00'),
        instrumentsPlanned: ['functional_card', 'video_consultant'],
      },
      KPP,
    );
    const [closed] = sim.run(
      {
        type: 'CloseContact',
        contactId: 'k',
        closingReason: 'stage_3',
        stages: [3],
        instrumentsUsed: ['functional_card'],
      },
      KPP,
    );
    expect(closed!.data).toMatchObject({
      instrumentsPlanned: ['functional_card', 'video_consultant'],
      instrumentsUsed: ['functional_card'],
    });
  });
});

describe('service points, each with its cadence', () => {
  it('plans contacts for the main point and for each further one, also one added later', () => {
    const sim = ClientSimulation.registered(MSK('2026-03-02T07:00:00'));
    sim.run(
      { type: 'AddServicePoint', servicePointId: 'branch', name: 'Филиал', contactCadence: 'twice_weekly' },
      ROS,
    );
    for (const step of ['letter_and_ros_call', 'final_engineer_visit', 'first_remote_call'] as const) {
      sim.run({ type: 'RecordTransferStep', step }, ROS);
    }
    sim.at(MSK('2026-03-05T08:00:00'));
    sim.run(
      { type: 'AddServicePoint', servicePointId: 'shop', name: 'Магазин', contactCadence: 'monthly' },
      ROS,
    );
    sim.at(MSK('2026-03-06T10:00:00'));
    const planned = sim.events
      .filter((e) => e.type === 'ContactPlanned')
      .map((e) => [
        (e.data as { contactId: string }).contactId,
        (e.data as { servicePointId?: string }).servicePointId ?? 'main',
      ]);
    expect(planned).toEqual([
      ['planned.2026-03-02', 'main'],
      ['planned.branch.2026-03-02', 'branch'], // Monday–Wednesday
      ['missed.branch.2026-03-02', 'branch'], // that period ended with no call
      ['planned.branch.2026-03-05', 'branch'], // Thursday–Sunday
      ['planned.shop.2026-03-05', 'shop'],
    ]);
    expect(
      ruleOf(() =>
        sim.run(
          { type: 'AddServicePoint', servicePointId: 'shop', name: 'x', contactCadence: 'weekly' },
          ROS,
        ),
      ),
    ).toBe('service_point_exists');
    expect(
      ruleOf(() =>
        sim.run(
          { type: 'AddServicePoint', servicePointId: 'kiosk', name: 'x', contactCadence: 'weekly' },
          KPP,
        ),
      ),
    ).toBe('not_allowed_service_point');
  });
});
