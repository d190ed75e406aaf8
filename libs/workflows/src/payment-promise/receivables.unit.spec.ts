import { DomainError, toClientView } from '@ledger/domain';
import { ClientSimulation } from '@ledger/workflows/testing';

const KPP = { id: 'kpp-1', role: 'KPP' } as const;
const PM = { id: 'pm-1', role: 'PM' } as const;
const MSK = (local: string) => new Date(`${local}+03:00`).toISOString();

const view = (sim: ClientSimulation) => toClientView(sim.state)!;
const only = <T extends { type: string }>(events: T[], type: string) => events.filter((e) => e.type === type);

describe('SPEC §3.2 worked example 1: a reminder, two broken promises, handover', () => {
  // Fee 10 000, unpaid 15 000 (1.5 months) on 10 March; promise for 20 March with reminder.
  const sim = ClientSimulation.registered(MSK('2026-03-01T09:00:00'));
  sim.run({ type: 'IssueInvoice', invoiceId: 'inv-1', amount: 15000, issuedOn: '2026-03-01' });

  it('records the promise with the reminder due the working day before, 19 March', () => {
    sim.at(MSK('2026-03-10T10:00:00'));
    const events = sim.run(
      { type: 'RecordPaymentPromise', promiseId: 'p1', promisedOn: '2026-03-20', remind: true },
      KPP,
    );
    expect(sim.types(events)).toEqual(['PaymentPromiseRecorded', 'DeadlineSet', 'DeadlineSet']);
    expect(events[0]!.data).toMatchObject({
      remindOn: '2026-03-19',
      target: 15000,
      projectedDebtMonths: 1.5,
    });
    expect(events.slice(1).map((e) => e.data)).toEqual([
      {
        deadlineId: 'promise.p1.reminder',
        kind: 'payment_reminder',
        dueAt: MSK('2026-03-19T00:00:00'),
        promiseId: 'p1',
      },
      {
        deadlineId: 'promise.p1.due',
        kind: 'promise_due',
        dueAt: MSK('2026-03-21T00:00:00'),
        promiseId: 'p1',
      },
    ]);
    expect(view(sim)).toMatchObject({
      debtMonths: 1.5,
      responsible: { role: 'KPP' },
      openPromise: { promisedOn: '2026-03-20', remind: true },
    });
  });

  it('makes the reminder call due on 19 March', () => {
    expect(sim.types(sim.at(MSK('2026-03-18T23:59:59')))).toEqual([]);
    const events = sim.at(MSK('2026-03-19T00:00:00'));
    expect(sim.types(events)).toEqual(['DeadlineFired', 'PaymentReminderDue']);
    expect(events[1]).toMatchObject({
      data: { promiseId: 'p1', remindOn: '2026-03-19' },
      rule: 'receivables.payment_reminder_due',
    });
  });

  it('breaks the promise at the end of 20 March with the follow-up due by the end of 24 March', () => {
    expect(sim.types(sim.at(MSK('2026-03-20T23:59:59')))).toEqual([]);
    const events = sim.at(MSK('2026-03-21T00:00:00'));
    expect(sim.types(events)).toEqual(['DeadlineFired', 'PaymentPromiseBroken']);
    expect(events[1]!.data).toMatchObject({
      promiseId: 'p1',
      followUpDueOn: '2026-03-24', // 20 Fri, 23 Mon, 24 Tue
      followUpDueBy: MSK('2026-03-25T00:00:00'),
    });
    expect(events[1]!.occurredAt).toBe(MSK('2026-03-21T00:00:00'));
    expect(view(sim)).toMatchObject({
      brokenPromisesInRow: 1,
      responsible: { role: 'KPP', employeeId: 'kpp-1' },
      openPromise: null,
    });
  });

  it('hands the client to the ПМ when the second promise, 27 March, is broken too', () => {
    sim.at(MSK('2026-03-23T11:00:00'));
    sim.run({ type: 'RecordPaymentPromise', promiseId: 'p2', promisedOn: '2026-03-27', remind: false }, KPP);
    const events = sim.at(MSK('2026-03-28T00:00:00'));
    expect(sim.types(events)).toEqual([
      'DeadlineFired',
      'PaymentPromiseBroken',
      'ThreatRaised',
      'HandedOverToPM',
    ]);
    const brokenIds = only(sim.events, 'PaymentPromiseBroken').map((e) => e.eventId);
    expect(events[3]).toMatchObject({
      data: {
        reason: 'broken_promises_twice',
        fromKppId: 'kpp-1',
        toPmId: 'pm-1',
        sheet: { unpaid: 15000, debtMonths: 1.5 },
      },
      rule: 'receivables.broken_promises_twice',
      evidence: brokenIds,
    });
    expect(view(sim)).toMatchObject({
      responsible: { role: 'PM', employeeId: 'pm-1' },
      brokenPromisesInRow: 2,
      openThreats: [{ type: 'broken_promises_twice' }],
    });
  });
});

describe('SPEC §3.2 worked example 2: a promise beyond the limit', () => {
  it('hands over at once when the 1 April invoice would make 2.8 months by 5 April', () => {
    const sim = ClientSimulation.registered(MSK('2026-03-01T09:00:00'));
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-1', amount: 18000, issuedOn: '2026-03-01' });
    sim.at(MSK('2026-03-25T12:00:00'));
    const events = sim.run(
      { type: 'RecordPaymentPromise', promiseId: 'p1', promisedOn: '2026-04-05', remind: false },
      KPP,
    );
    expect(sim.types(events)).toEqual([
      'PaymentPromiseRecorded',
      'DeadlineSet',
      'ThreatRaised',
      'HandedOverToPM',
    ]);
    expect(events[0]!.data).toMatchObject({ projectedDebtMonths: 2.8 });
    expect(events[3]).toMatchObject({
      data: { reason: 'promise_beyond_limit' },
      rule: 'receivables.promise_beyond_limit',
      evidence: [events[0]!.eventId, sim.events[1]!.eventId],
    });
    expect(view(sim)).toMatchObject({
      debtMonths: 1.8,
      responsible: { role: 'PM' },
      openPromise: { promisedOn: '2026-04-05' },
    });
  });

  it('keeps the client with the КПП when the agreed day comes before the next invoice', () => {
    const sim = ClientSimulation.registered(MSK('2026-03-01T09:00:00'));
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-1', amount: 18000, issuedOn: '2026-03-01' });
    sim.at(MSK('2026-03-25T12:00:00'));
    const events = sim.run(
      { type: 'RecordPaymentPromise', promiseId: 'p1', promisedOn: '2026-03-31', remind: false },
      KPP,
    );
    expect(sim.types(events)).toEqual(['PaymentPromiseRecorded', 'DeadlineSet']);
    expect(view(sim).responsible.role).toBe('KPP');
  });
});

describe('SPEC §3.2 worked example 3: back to the КПП after two months paid on time', () => {
  /** With the ПМ since March: 2.8 months reached by the March invoices. */
  const withPmSinceMarch = () => {
    const sim = ClientSimulation.registered(MSK('2026-03-01T09:00:00'));
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-feb', amount: 18000, issuedOn: '2026-02-01' });
    const handover = sim.run({
      type: 'IssueInvoice',
      invoiceId: 'inv-mar',
      amount: 10000,
      issuedOn: '2026-03-01',
    });
    expect(handover.map((e) => e.type)).toEqual(['InvoiceIssued', 'ThreatRaised', 'HandedOverToPM']);
    expect(handover[2]).toMatchObject({
      data: { reason: 'debt_limit_reached' },
      evidence: [handover[0]!.eventId],
    });
    sim.at(MSK('2026-04-01T08:00:00'));
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-apr', amount: 10000, issuedOn: '2026-04-01' });
    sim.at(MSK('2026-04-02T10:00:00'));
    sim.run(
      {
        type: 'RecordPaymentPromise',
        promiseId: 'apr',
        promisedOn: '2026-04-10',
        amount: 10000,
        remind: false,
      },
      PM,
    );
    return sim;
  };

  it('returns the client on the May payment, paid on its agreed date like April’s', () => {
    const sim = withPmSinceMarch();
    sim.at(MSK('2026-04-10T15:00:00'));
    const april = sim.run(
      { type: 'RecordPayment', paymentId: 'pay-apr', amount: 10000, paidOn: '2026-04-10' },
      PM,
    );
    expect(sim.types(april)).toEqual(['PaymentReceived', 'PaymentPromiseKept', 'DeadlineCancelled']);
    expect(view(sim)).toMatchObject({ debtMonths: 2.8, onTimeMonthsInRow: 1, responsible: { role: 'PM' } });

    sim.at(MSK('2026-05-01T08:00:00'));
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-may', amount: 10000, issuedOn: '2026-05-01' });
    sim.at(MSK('2026-05-04T10:00:00'));
    sim.run(
      {
        type: 'RecordPaymentPromise',
        promiseId: 'may',
        promisedOn: '2026-05-15',
        amount: 28000,
        remind: false,
      },
      PM,
    );
    sim.at(MSK('2026-05-15T12:00:00'));
    const may = sim.run(
      { type: 'RecordPayment', paymentId: 'pay-may', amount: 28000, paidOn: '2026-05-15' },
      PM,
    );
    expect(sim.types(may)).toEqual([
      'PaymentReceived',
      'PaymentPromiseKept',
      'DeadlineCancelled',
      'ThreatResolved',
      'ReturnedToKPP',
    ]);
    expect(may[4]).toMatchObject({
      data: { fromPmId: 'pm-1', toKppId: 'kpp-1', debtMonths: 1, onTimeMonthsInRow: 2 },
      rule: 'receivables.threat_lifted',
    });
    expect(view(sim)).toMatchObject({
      debtMonths: 1,
      responsible: { role: 'KPP', employeeId: 'kpp-1' },
      openThreats: [],
    });
  });

  it('with the April payment on 14 April instead, returns only after May and June are paid on their dates', () => {
    const sim = withPmSinceMarch();
    expect(sim.types(sim.at(MSK('2026-04-11T00:00:00')))).toEqual(['DeadlineFired', 'PaymentPromiseBroken']);
    sim.at(MSK('2026-04-14T12:00:00'));
    const late = sim.run(
      { type: 'RecordPayment', paymentId: 'pay-apr', amount: 10000, paidOn: '2026-04-14' },
      PM,
    );
    expect(sim.types(late)).toEqual(['PaymentReceived']); // dated after the agreed day: no correction

    sim.at(MSK('2026-05-01T08:00:00'));
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-may', amount: 10000, issuedOn: '2026-05-01' });
    sim.run(
      {
        type: 'RecordPaymentPromise',
        promiseId: 'may',
        promisedOn: '2026-05-15',
        amount: 28000,
        remind: false,
      },
      PM,
    );
    sim.at(MSK('2026-05-15T12:00:00'));
    const may = sim.run(
      { type: 'RecordPayment', paymentId: 'pay-may', amount: 28000, paidOn: '2026-05-15' },
      PM,
    );
    expect(sim.types(may)).not.toContain('ReturnedToKPP');
    expect(view(sim)).toMatchObject({ debtMonths: 1, onTimeMonthsInRow: 1, responsible: { role: 'PM' } });

    sim.at(MSK('2026-06-01T08:00:00'));
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-jun', amount: 10000, issuedOn: '2026-06-01' });
    sim.run(
      {
        type: 'RecordPaymentPromise',
        promiseId: 'jun',
        promisedOn: '2026-06-10',
        amount: 10000,
        remind: false,
      },
      PM,
    );
    sim.at(MSK('2026-06-10T12:00:00'));
    const june = sim.run(
      { type: 'RecordPayment', paymentId: 'pay-jun', amount: 10000, paidOn: '2026-06-10' },
      PM,
    );
    expect(sim.types(june)).toContain('ReturnedToKPP');
    expect(view(sim)).toMatchObject({ onTimeMonthsInRow: 2, responsible: { role: 'KPP' } });
  });
});

describe('receivables edges', () => {
  const KPP_CLIENT = () => ClientSimulation.registered(MSK('2026-03-01T09:00:00'));

  it.each([
    [27900, 2.79, 'KPP'],
    // [001]: the КПП keeps debts «меньше (но не равна) 2,8 мес» — compared exactly, shown rounded
    [27960, 2.8, 'KPP'], // 2.796 months: shown as 2.80, still below 2.8
    [27999, 2.8, 'KPP'], // 2.7999 months
    [27999.99, 2.8, 'KPP'], // one kopeck short
    [27949, 2.79, 'KPP'],
    [28000, 2.8, 'PM'], // exactly 2.8
    [28000.01, 2.8, 'PM'],
  ])('an unpaid %d at fee 10 000 is %d months: %s', (amount, months, role) => {
    const sim = KPP_CLIENT();
    const events = sim.run({ type: 'IssueInvoice', invoiceId: 'inv-1', amount, issuedOn: '2026-03-01' });
    expect(view(sim)).toMatchObject({ debtMonths: months, responsible: { role } });
    expect(events.some((e) => e.type === 'HandedOverToPM')).toBe(role === 'PM');
  });

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

  it('hands over on a refused payment date, once', () => {
    const sim = KPP_CLIENT();
    sim.run({ type: 'IssueInvoice', invoiceId: 'inv-1', amount: 10000, issuedOn: '2026-03-01' });
    const events = sim.run({ type: 'RefusePaymentDate', comment: 'не называет ни причину, ни дату' }, KPP);
    expect(sim.types(events)).toEqual(['PaymentDateRefused', 'ThreatRaised', 'HandedOverToPM']);
    expect(events[2]).toMatchObject({
      data: { reason: 'payment_date_refused' },
      evidence: [events[0]!.eventId],
    });
    // with the ПМ already: recorded, no second handover
    expect(sim.types(sim.run({ type: 'RefusePaymentDate' }, PM))).toEqual(['PaymentDateRefused']);
  });

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

  it('lets a ПМ take any client of the РИЦ as a threat', () => {
    const sim = KPP_CLIENT();
    const events = sim.run({ type: 'TakeClientAsThreat', comment: 'конкурент' }, { id: 'pm-7', role: 'PM' });
    expect(sim.types(events)).toEqual(['ThreatRaised', 'HandedOverToPM']);
    expect(events[1]).toMatchObject({
      data: { reason: 'manual', toPmId: 'pm-7', sheet: { kppComment: 'конкурент' } },
    });
    expect(events[1]!.rule).toBeUndefined();
    expect(view(sim).responsible).toEqual({ role: 'PM', employeeId: 'pm-7' });
  });
});
