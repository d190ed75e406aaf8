import { toClientView, workItemsOf } from '@ledger/domain';
import { ClientSimulation, KPP, MSK, ROS, activeClient, ruleOf } from '@ledger/workflows/testing';

describe('leaving remote service', () => {
  it('ends the planning of an active client that returns to field service, and refuses a candidate', () => {
    const sim = activeClient();
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
});
