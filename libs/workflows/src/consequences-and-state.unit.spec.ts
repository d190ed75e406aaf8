import { ClientCommand, CommandContext } from '@ledger/domain';
import { MSK, ROS, SCHEDULER, activeClient } from '@ledger/workflows/testing';
import { consequencesAndState, decideClientCommand, runClientCommand } from './client-workflow';

/** A context with ids x1, x2, … so that two decisions of the same command can be compared whole. */
const contextAt = (now: string, actor: CommandContext['actor']): CommandContext => {
  let n = 0;
  return {
    ric: '444',
    actor,
    now: new Date(now),
    time: activeClient().time,
    newEventId: () => `x${++n}`,
  };
};

// The simulator decides first and folds the consequences after (no copy when nothing is decided):
// the two steps must answer what runClientCommand answers, and leave the given state as it was.
describe('consequencesAndState after decideClientCommand', () => {
  const check = (command: ClientCommand, now: string, actor: CommandContext['actor'] = ROS) => {
    const sim = activeClient();
    const before = JSON.stringify(sim.state);
    const whole = runClientCommand(command, sim.state, contextAt(now, actor));
    const context = contextAt(now, actor);
    const inTwo = consequencesAndState(sim.state, decideClientCommand(command, sim.state, context), context);
    expect(whole.events.length).toBeGreaterThan(0);
    expect(inTwo).toEqual(whole);
    expect(JSON.stringify(sim.state)).toBe(before);
  };

  it('an invoice (and the handover check that follows from it)', () => {
    check(
      { type: 'IssueInvoice', invoiceId: 'inv-9', amount: 40000, issuedOn: '2026-03-10' },
      MSK('2026-03-10T08:00:00'),
    );
  });

  it('a payment', () => {
    check(
      { type: 'RecordPayment', paymentId: 'pay-9', amount: 5000, paidOn: '2026-03-11' },
      MSK('2026-03-11T10:00:00'),
    );
  });

  it('a period’s start fired by the scheduler (the contact planned, the next deadlines set)', () => {
    const state = activeClient().state;
    if (state.status !== 'registered') throw new Error('not registered');
    const [deadlineId, deadline] = Object.entries(state.deadlines).find(
      ([, d]) => d.kind === 'contact_period_start',
    )!;
    check({ type: 'FireDeadline', deadlineId }, deadline.dueAt, SCHEDULER);
  });
});
