import { KPP, MSK, activeClient, ruleOf } from '@ledger/workflows/testing';

describe('contacts, attempts, callbacks and closing', () => {
  it('plans a contact, records a miss with a callback in 30 minutes, then closes it with stages', () => {
    const sim = activeClient();
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
    const sim = activeClient();
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

  it('compares the instruments planned with those used when a contact is closed', () => {
    const sim = activeClient();
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
