import { DomainError } from '@ledger/domain';
import { ClientSimulation, KPP, MSK, PM, only, view } from '@ledger/workflows/testing';

/** A client with the КПП since 1 March 2026, nothing invoiced yet. */
const KPP_CLIENT = () => ClientSimulation.registered(MSK('2026-03-01T09:00:00'));

describe('payment promise edges: counting around days off', () => {
  it('counts from the first working day after an agreed day that is a holiday (Mon 9 March 2026)', () => {
    const sim = KPP_CLIENT();
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-1', amount: 10000, issuedOn: '2026-03-01' });
    sim.at(MSK('2026-03-02T10:00:00'));
    const [recorded] = sim.run(
      { type: 'RecordPaymentPromise', promiseId: 'p', promisedOn: '2026-03-09', remind: true },
      KPP,
    );
    expect(recorded!.data).toMatchObject({ remindOn: '2026-03-06' }); // Friday before the Sunday and the holiday
    const fired = sim.at(MSK('2026-03-10T00:00:00'));
    expect(only(fired, 'PaymentPromiseBroken')[0]!.data).toMatchObject({ followUpDueOn: '2026-03-12' }); // 10, 11, 12
  });

  it('counts from Monday for a promise on a Saturday', () => {
    const sim = KPP_CLIENT();
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-1', amount: 10000, issuedOn: '2026-03-01' });
    sim.run({ type: 'RecordPaymentPromise', promiseId: 'p', promisedOn: '2026-03-21', remind: true }, KPP);
    expect(view(sim).openPromise).toMatchObject({ remindOn: '2026-03-20' });
    sim.at(MSK('2026-03-22T00:00:00'));
    expect(only(sim.events, 'PaymentPromiseBroken')[0]!.data).toMatchObject({ followUpDueOn: '2026-03-25' }); // 23, 24, 25
  });

  it('moves a reminder asked for a day off to the working day before', () => {
    const sim = KPP_CLIENT();
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-1', amount: 10000, issuedOn: '2026-03-01' });
    sim.run(
      {
        type: 'RecordPaymentPromise',
        promiseId: 'p',
        promisedOn: '2026-03-24',
        remind: true,
        remindOn: '2026-03-22',
      },
      KPP,
    );
    expect(view(sim).openPromise).toMatchObject({ remindOn: '2026-03-20' });
  });
});

describe('payment promise edges: payments against an open or broken promise', () => {
  it('breaks a promise covered only in part, and mends it when the rest arrives late but dated in time', () => {
    const sim = KPP_CLIENT();
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-1', amount: 15000, issuedOn: '2026-03-01' });
    sim.at(MSK('2026-03-10T10:00:00'));
    sim.run(
      {
        type: 'RecordPaymentPromise',
        promiseId: 'p',
        promisedOn: '2026-03-20',
        amount: 15000,
        remind: false,
      },
      KPP,
    );
    sim.at(MSK('2026-03-20T12:00:00'));
    expect(
      sim.types(sim.run({ type: 'RecordPayment', paymentId: 'part', amount: 10000, paidOn: '2026-03-20' })),
    ).toEqual(['PaymentReceived']);
    sim.at(MSK('2026-03-21T00:00:00'));
    expect(view(sim)).toMatchObject({ brokenPromisesInRow: 1, lastPromise: { status: 'broken' } });

    sim.at(MSK('2026-03-23T10:00:00'));
    const late = sim.run({ type: 'RecordPayment', paymentId: 'rest', amount: 5000, paidOn: '2026-03-20' });
    expect(sim.types(late)).toEqual(['PaymentReceived', 'PaymentPromiseBreachCorrected']);
    expect(late[1]).toMatchObject({
      data: { promiseId: 'p', paymentId: 'rest', paidInTime: 15000 },
      rule: 'receivables.late_payment_dated_in_time',
    });
    expect(view(sim)).toMatchObject({
      brokenPromisesInRow: 0,
      onTimeMonthsInRow: 1,
      lastPromise: { status: 'corrected' },
      debtMonths: 0,
    });
    // nothing is deleted: the breach stays in the history
    expect(sim.types()).toContain('PaymentPromiseBroken');
  });

  it('keeps a promise at once when a payment dated in time covers it, and cancels its deadlines', () => {
    const sim = KPP_CLIENT();
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-1', amount: 15000, issuedOn: '2026-03-01' });
    sim.run({ type: 'RecordPaymentPromise', promiseId: 'p', promisedOn: '2026-03-20', remind: true }, KPP);
    sim.at(MSK('2026-03-12T10:00:00'));
    const events = sim.run(
      { type: 'RecordPayment', paymentId: 'pay', amount: 15000, paidOn: '2026-03-12' },
      KPP,
    );
    expect(sim.types(events)).toEqual([
      'PaymentReceived',
      'PaymentPromiseKept',
      'DeadlineCancelled',
      'DeadlineCancelled',
    ]);
    expect(sim.state.status === 'registered' && sim.state.deadlines).toEqual({});
    expect(sim.types(sim.at(MSK('2026-04-30T00:00:00')))).toEqual([]);
  });
});

describe('payment promise edges: deadlines and refusals', () => {
  it('fires a deadline twice and appends once', () => {
    const sim = KPP_CLIENT();
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-1', amount: 10000, issuedOn: '2026-03-01' });
    sim.run({ type: 'RecordPaymentPromise', promiseId: 'p', promisedOn: '2026-03-20', remind: false }, KPP);
    sim.at(MSK('2026-03-21T00:00:00'));
    const again = sim.run(
      { type: 'FireDeadline', deadlineId: 'promise.p.due' },
      { id: 'scheduler', role: 'SYSTEM' },
    );
    expect(again).toEqual([]);
    expect(only(sim.events, 'PaymentPromiseBroken')).toHaveLength(1);
  });

  it('refuses what breaks a rule, naming it', () => {
    const sim = KPP_CLIENT();
    sim.at(MSK('2026-03-10T10:00:00'));
    const attempt = (
      command: Parameters<ClientSimulation['run']>[0],
      actor: Parameters<ClientSimulation['run']>[1] = KPP,
    ) => {
      try {
        sim.run(command, actor);
        return 'accepted';
      } catch (error) {
        return (error as DomainError).rule;
      }
    };
    expect(
      attempt({ type: 'RecordPaymentPromise', promiseId: 'x', promisedOn: '2026-03-20', remind: false }),
    ).toBe('nothing_to_promise');
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-1', amount: 10000, issuedOn: '2026-03-01' });
    expect(
      attempt({ type: 'RecordPaymentPromise', promiseId: 'x', promisedOn: '2026-03-09', remind: false }),
    ).toBe('promise_date_in_past');
    expect(
      attempt(
        { type: 'RecordPaymentPromise', promiseId: 'x', promisedOn: '2026-03-20', remind: false },
        { id: 'kpp-2', role: 'KPP' },
      ),
    ).toBe('not_responsible');
    expect(
      attempt({ type: 'RecordPaymentPromise', promiseId: 'x', promisedOn: '2026-03-20', remind: false }, PM),
    ).toBe('not_responsible');
    expect(
      attempt({ type: 'RecordPaymentPromise', promiseId: 'x', promisedOn: '2026-03-20', remind: false }),
    ).toBe('accepted');
    expect(
      attempt({ type: 'RecordPaymentPromise', promiseId: 'y', promisedOn: '2026-03-25', remind: false }),
    ).toBe('promise_already_open');
    expect(attempt({ type: 'RecordPayment', paymentId: 'f', amount: 1, paidOn: '2026-03-11' })).toBe(
      'value_date_in_future',
    );
    expect(
      attempt(
        { type: 'IssueInvoice', invoiceId: 'inv-1', amount: 1, issuedOn: '2026-03-01' },
        { id: 'ros-1', role: 'ROS' },
      ),
    ).toBe('invoice_already_issued');
    expect(attempt({ type: 'HandOverToPM' })).toBe('accepted');
    expect(attempt({ type: 'HandOverToPM' }, { id: 'ros-1', role: 'ROS' })).toBe('already_with_pm');
  });
});
