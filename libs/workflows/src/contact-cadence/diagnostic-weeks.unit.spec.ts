import { healthyUsage, onRemoteService } from '@ledger/workflows/testing';

const MSK = (local: string) => new Date(`${local}+03:00`).toISOString();
const ROS = { id: 'ros-1', role: 'ROS' } as const;

/**
 * Weeks alternate from FIRST_FULL_WEEK (5 January 2026): 2 March is a full week, 9 March a
 * diagnostic one, 16 March full again. In a diagnostic week the planner shows only the clients
 * failing a criterion of [003]; a planned contact it never showed is not owed (ADR 0008).
 */
describe('contact cadence in diagnostic weeks', () => {
  it('does not make a missed contact of one the planner never showed (a client failing no criterion)', () => {
    const sim = onRemoteService(MSK('2026-03-09T10:00:00'));
    sim.run({ type: 'RecordUsage', observation: healthyUsage('2026-03-02') }, ROS);
    const weekEnd = sim.at(MSK('2026-03-16T00:00:00'));
    expect(sim.types(weekEnd)).toEqual([
      'DeadlineFired', // the boundary of the periods (ADR 0095)
      'ContactNotOwed',
      'ContactPlanned', // the next period starts: a full week
      'DeadlineSet', // its own boundary
    ]);
    expect(weekEnd[1]).toMatchObject({
      data: { contactId: 'planned.2026-03-09', periodEnd: '2026-03-15', reason: 'diagnostic_week' },
      rule: 'contacts.diagnostic_week_not_owed',
      evidence: [weekEnd[0]!.eventId],
      causationId: weekEnd[0]!.eventId,
    });
    expect(sim.state.status === 'registered' && Object.keys(sim.state.openContacts)).toEqual([
      'planned.2026-03-16',
    ]);
  });

  it('still owes the contact of a client failing a criterion (no usage data yet)', () => {
    const sim = onRemoteService(MSK('2026-03-09T10:00:00'));
    const weekEnd = sim.at(MSK('2026-03-16T00:00:00'));
    expect(sim.types(weekEnd).slice(0, 3)).toEqual(['DeadlineFired', 'ContactMissed', 'ContactPlanned']);
    expect(weekEnd[2]!.data).toMatchObject({ contactId: 'missed.2026-03-09', reason: 'no_planned_contact' });
  });

  it('owes the contact of a full week whatever the client’s criteria', () => {
    const sim = onRemoteService(MSK('2026-03-02T10:00:00'));
    sim.run({ type: 'RecordUsage', observation: healthyUsage('2026-02-23') }, ROS);
    const weekEnd = sim.at(MSK('2026-03-09T00:00:00'));
    expect(sim.types(weekEnd).slice(0, 3)).toEqual(['DeadlineFired', 'ContactMissed', 'ContactPlanned']);
  });

  it('owes a monthly contact whose period reaches into a full week', () => {
    const sim = onRemoteService(MSK('2026-03-09T10:00:00'), { contactCadence: 'monthly' });
    sim.run({ type: 'RecordUsage', observation: healthyUsage('2026-03-02') }, ROS);
    const monthEnd = sim.at(MSK('2026-04-01T00:00:00'));
    expect(sim.types(monthEnd)).toContain('ContactMissed');
    expect(sim.types(monthEnd)).not.toContain('ContactNotOwed');
  });
});
