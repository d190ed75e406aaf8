import { ClientSimulation, KPP, MSK, activeClient } from '@ledger/workflows/testing';

/** The engagement check's own events, among the cadence's that fall due at the same time. */
const engagementOnly = (events: ReturnType<ClientSimulation['at']>) =>
  events.filter(
    (e) =>
      e.rule === 'lifecycle.engagement_monthly' ||
      (e.type === 'DeadlineFired' && e.data.kind === 'engagement_check'),
  );

describe('engagement at least once a calendar month', () => {
  it('puts the client on the planner when March ends without stage 4 or 5, until the next engagement', () => {
    const sim = activeClient();
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
