import { toClientView } from '@ledger/domain';
import { ClientSimulation, KPP, MSK, ROS, activeClient, ruleOf } from '@ledger/workflows/testing';

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
    const sim = activeClient();
    sim.run({ type: 'TakeClientAsThreat' }, { id: 'pm-1', role: 'PM' });
    expect(toClientView(sim.state)!.lifecycle).toBe('escalated');
  });
});
