import { ClientSimulation, KPP, MSK, only, view } from '@ledger/workflows/testing';

/** Example 1 [SPEC §3.2]: fee 10 000, 15 000 unpaid (1.5 months) since 1 March. */
function exampleOne(): ClientSimulation {
  const sim = ClientSimulation.registered(MSK('2026-03-01T09:00:00'));
  sim.run({ type: 'IssueInvoice', invoiceId: 'inv-1', amount: 15000, issuedOn: '2026-03-01' });
  return sim;
}

/** Example 1 on 10 March: the promise for 20 March, with a reminder, is recorded. */
function exampleOneUpToPromise(): ClientSimulation {
  const sim = exampleOne();
  sim.at(MSK('2026-03-10T10:00:00'));
  sim.run({ type: 'RecordPaymentPromise', promiseId: 'p1', promisedOn: '2026-03-20', remind: true }, KPP);
  return sim;
}

/** Example 1 on 19 March: the reminder call has fallen due. */
function exampleOneUpToReminder(): ClientSimulation {
  const sim = exampleOneUpToPromise();
  sim.at(MSK('2026-03-19T00:00:00'));
  return sim;
}

/** Example 1 on 21 March: the first promise is broken, the client still with the КПП. */
function exampleOneUpToFirstBreach(): ClientSimulation {
  const sim = exampleOneUpToReminder();
  sim.at(MSK('2026-03-21T00:00:00'));
  return sim;
}

describe('SPEC §3.2 worked example 1: a reminder, two broken promises, handover', () => {
  it('records the promise with the reminder due the working day before, 19 March', () => {
    const sim = exampleOne();
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
    const sim = exampleOneUpToPromise();
    expect(sim.types(sim.at(MSK('2026-03-18T23:59:59')))).toEqual([]);
    const events = sim.at(MSK('2026-03-19T00:00:00'));
    expect(sim.types(events)).toEqual(['DeadlineFired', 'PaymentReminderDue']);
    expect(events[1]).toMatchObject({
      data: { promiseId: 'p1', remindOn: '2026-03-19' },
      rule: 'receivables.payment_reminder_due',
    });
  });

  it('breaks the promise at the end of 20 March with the follow-up due by the end of 24 March', () => {
    const sim = exampleOneUpToReminder();
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
    const sim = exampleOneUpToFirstBreach();
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

/** Example 2 [SPEC §3.2]: 18 000 unpaid (1.8 months) since 1 March; the КПП calls on 25 March. */
function exampleTwoOn25March(): ClientSimulation {
  const sim = ClientSimulation.registered(MSK('2026-03-01T09:00:00'));
  sim.run({ type: 'IssueInvoice', invoiceId: 'inv-1', amount: 18000, issuedOn: '2026-03-01' });
  sim.at(MSK('2026-03-25T12:00:00'));
  return sim;
}

describe('SPEC §3.2 worked example 2: a promise beyond the limit', () => {
  it('hands over at once when the 1 April invoice would make 2.8 months by 5 April', () => {
    const sim = exampleTwoOn25March();
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
    const sim = exampleTwoOn25March();
    const events = sim.run(
      { type: 'RecordPaymentPromise', promiseId: 'p1', promisedOn: '2026-03-31', remind: false },
      KPP,
    );
    expect(sim.types(events)).toEqual(['PaymentPromiseRecorded', 'DeadlineSet']);
    expect(view(sim).responsible.role).toBe('KPP');
  });
});
