import { ClientSimulation, KPP, MSK, ROS, activeClient, ruleOf } from '@ledger/workflows/testing';
import { periodEnd } from './periods';

describe('planned contacts from the cadence', () => {
  const planned = (sim: ClientSimulation) =>
    sim.events
      .filter((e) => e.type === 'ContactPlanned')
      .map((e) => e.data as { contactId: string; kind: string; reason: string; plannedAt: string });

  it('plans one contact a week on its first working day, and replaces a missed one with `no_planned_contact`', () => {
    const sim = activeClient(); // active on Monday 2 March 2026, weekly
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
