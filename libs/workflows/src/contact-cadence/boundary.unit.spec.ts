import path from 'node:path';
import { ContactCadence, addDays, evolve, explainDecision } from '@ledger/domain';
import { businessEvents, moscow } from '@ledger/domain/testing';
import * as today from '@ledger/workflows/testing';
import type { ClientSimulation, SimulatedEvent } from '@ledger/workflows/testing';

/**
 * ADR 0095: a contact period's end and the next one's start are one timer, the boundary. Each case
 * runs the same history through the cadence as it is and through the cadence as it was
 * (`cadence-before-0095.ts` in place of this folder's workflow) and compares every event that is
 * not a timer; the expected contacts are also written out where they show what the case is about.
 */
const CADENCE = path.join(__dirname, 'workflow.ts');
const BEFORE_0095 = path.join(__dirname, '..', 'testing', 'cadence-before-0095.ts');

function testingBefore0095(): typeof today {
  let loaded: typeof today | undefined;
  jest.isolateModules(() => {
    jest.doMock(CADENCE, () => jest.requireActual(BEFORE_0095));
    loaded = jest.requireActual<typeof today>('@ledger/workflows/testing');
  });
  jest.dontMock(CADENCE);
  return loaded!;
}
const before = testingBefore0095();
const { MSK, KPP, ROS, PM, healthyUsage } = today;

/** The non-timer events in order; an event id in them (a threat's, evidence) as `#n` or `timer`. */
const business = (events: readonly SimulatedEvent[]) =>
  businessEvents(
    events,
    (e) => e.eventId,
    ({ type, data, occurredAt, rule, recordedAt, evidence }) => ({
      type,
      data,
      occurredAt,
      rule,
      recordedAt,
      evidence,
    }),
  );
const timers = (events: readonly SimulatedEvent[]) =>
  events.filter((e) => e.type === 'DeadlineSet').map((e) => (e.data as { kind: string }).kind);
const contacts = (events: readonly SimulatedEvent[], type = 'ContactPlanned') =>
  events.filter((e) => e.type === type).map((e) => (e.data as { contactId: string }).contactId);

/** The КПП holds every planned contact that is due by now: a connected call, then closed. */
function holdDueContacts(sim: ClientSimulation): void {
  if (sim.state.status !== 'registered') return;
  for (const [contactId, contact] of Object.entries(sim.state.openContacts)) {
    if (contact.kind !== 'planned' || Date.parse(contact.plannedAt) > sim.now.getTime()) continue;
    const occurredAt = sim.now.toISOString();
    sim.run({ type: 'RecordCallAttempt', contactId, outcome: 'connected', occurredAt }, KPP);
    sim.run(
      { type: 'CloseContact', contactId, closingReason: 'stage_2', stages: [2], instrumentsUsed: [] },
      KPP,
    );
  }
}

/** Tuesday noon of each week from `monday`: usage imported, and every other week the contacts held. */
function weeks(sim: ClientSimulation, monday: string, count: number, usage = (_week: number) => false) {
  for (let week = 0; week < count; week++) {
    const day = addDays(monday, 7 * week + 1);
    sim.at(MSK(`${day}T12:00:00`));
    if (usage(week)) sim.run({ type: 'RecordUsage', observation: healthyUsage(addDays(day, -8)) }, ROS);
    if (week % 3 !== 1) holdDueContacts(sim);
  }
}

/** The same history through both cadences: their non-timer events must be equal. */
function bothWays(history: (testing: typeof today) => ClientSimulation) {
  const was = history(before);
  const is = history(today);
  expect(business(is.events)).toEqual(business(was.events));
  return { was, is };
}

describe('one boundary timer per contact period decides what the two timers decided (ADR 0095)', () => {
  it('a weekly half-year: contacts held, missed, and not owed in diagnostic weeks of a healthy client', () => {
    const { was, is } = bothWays((t) => {
      const sim = t.onRemoteService(MSK('2026-03-02T10:00:00'));
      weeks(sim, '2026-03-02', 26, (week) => week < 12); // healthy usage, then none (a criterion fails)
      return sim;
    });
    expect(contacts(is.events, 'ContactMissed').length).toBeGreaterThan(3);
    expect(contacts(is.events, 'ContactNotOwed').length).toBeGreaterThan(0);
    // 26 weeks from Monday 2 March, the last one begun on 24 August: two timers a period before,
    // one now — the first period's start, then a boundary a week
    expect(timers(was.events).filter((k) => k.startsWith('contact_period'))).toHaveLength(1 + 2 * 26);
    expect(timers(is.events).filter((k) => k.startsWith('contact_period'))).toEqual([
      'contact_period_start',
      ...Array<string>(26).fill('contact_period_boundary'),
    ]);
  });

  it.each<Exclude<ContactCadence, 'weekly'>>(['twice_weekly', 'biweekly', 'monthly'])(
    'a %s cadence over 20 weeks',
    (cadence) => {
      const { is } = bothWays((t) => {
        const sim = t.onRemoteService(MSK('2026-03-04T10:00:00'), { contactCadence: cadence });
        weeks(sim, '2026-03-09', 20);
        return sim;
      });
      // 20 weeks from 9 March, the last one begun on 20 July: periods of each cadence started by then
      const periods = { twice_weekly: 2 * 20 + 1, biweekly: 11, monthly: 5 }[cadence];
      expect(contacts(is.events).filter((id) => id.startsWith('planned.'))).toHaveLength(periods);
    },
  );

  it('service points: one from the start, one added mid-period, each with its own cadence', () => {
    const { is } = bothWays((t) => {
      const sim = t.ClientSimulation.registered(MSK('2026-03-02T07:00:00'));
      sim.run(
        { type: 'AddServicePoint', servicePointId: 'branch', name: 'Филиал', contactCadence: 'biweekly' },
        ROS,
      );
      for (const step of ['letter_and_ros_call', 'final_engineer_visit', 'first_remote_call'] as const)
        sim.run({ type: 'RecordTransferStep', step }, ROS);
      weeks(sim, '2026-03-02', 5);
      sim.at(MSK('2026-04-02T11:00:00')); // a Thursday, mid-period of every point
      sim.run(
        { type: 'AddServicePoint', servicePointId: 'shop', name: 'Магазин', contactCadence: 'twice_weekly' },
        ROS,
      );
      weeks(sim, '2026-04-06', 8);
      return sim;
    });
    const planned = contacts(is.events);
    expect(planned).toContain('planned.branch.2026-03-16');
    expect(planned).toContain('planned.shop.2026-04-02'); // its first period starts the day it is added
    expect(planned).toContain('planned.shop.2026-04-06');
  });

  it('leaving remote service: the boundary is cancelled with the other timers and nothing more is planned', () => {
    const { is } = bothWays((t) => {
      const sim = t.onRemoteService(MSK('2026-03-02T10:00:00'));
      weeks(sim, '2026-03-02', 4);
      sim.run({ type: 'LeaveRemoteService', to: 'left', reason: 'закрылся' }, ROS);
      weeks(sim, '2026-03-30', 4);
      return sim;
    });
    const left = is.events.findIndex((e) => e.type === 'ClientLeftRemoteService');
    expect(is.events.slice(left + 1).map((e) => e.type)).not.toContain('ContactPlanned');
    expect(is.events.slice(left + 1).map((e) => e.type)).toContain('DeadlineCancelled');
    expect(is.state.status === 'registered' && Object.keys(is.state.deadlines)).toEqual([]);
  });

  it('taken over by the ПМ as a threat: still served, the periods go on', () => {
    const { is } = bothWays((t) => {
      const sim = t.onRemoteService(MSK('2026-03-02T10:00:00'));
      weeks(sim, '2026-03-02', 2);
      sim.run({ type: 'TakeClientAsThreat' }, PM);
      weeks(sim, '2026-03-16', 4);
      return sim;
    });
    expect(contacts(is.events)).toContain('planned.2026-04-06');
  });

  it('a cadence that changed mid-period (no command changes one today): judged by the new, next start as set', () => {
    const { is } = bothWays((t) => {
      const sim = t.onRemoteService(MSK('2026-03-02T10:00:00'));
      weeks(sim, '2026-03-02', 2);
      // the period of 9 March was set to end on Sunday the 15th; from now on the client is monthly
      if (sim.state.status === 'registered') sim.state.contactCadence = 'monthly';
      weeks(sim, '2026-03-16', 8);
      return sim;
    });
    expect(is.events.find((e) => e.type === 'ContactMissed')?.data).toEqual({
      contactId: 'planned.2026-03-09',
      periodEnd: '2026-03-31', // the period's end as the cadence now has it, as before
    });
    expect(contacts(is.events)).toEqual(expect.arrayContaining(['planned.2026-03-16', 'planned.2026-04-01']));
  });
});

/** An event appended as it is (what an older version of the service wrote), at the clock's time. */
function appendAsWritten(
  sim: ClientSimulation,
  event: Omit<SimulatedEvent, 'recordedAt' | 'version'> & { recordedAt?: string },
) {
  const recorded = { recordedAt: sim.now.toISOString(), ...event, version: sim.events.length + 1 };
  sim.events.push(recorded as SimulatedEvent);
  sim.state = evolve(sim.state, recorded as SimulatedEvent, {
    eventId: event.eventId,
    occurredAt: event.occurredAt ?? recorded.recordedAt,
  });
}

/** A stream written by the cadence before ADR 0095, read and driven on by today's workflows. */
function resumedToday(written: ClientSimulation): ClientSimulation {
  const sim = new today.ClientSimulation(written.now.toISOString());
  for (const { version: _v, ...event } of written.events) appendAsWritten(sim, event);
  // today's events get ids of their own (the simulation counts from e1)
  (sim as unknown as { ids: number }).ids = written.events.length;
  return sim;
}

describe('a stream written before ADR 0095 goes on under today’s cadence, without an upcaster', () => {
  it('mid-period, its pending end and start fire as before, and the next period sets a boundary', () => {
    const written = () => {
      const sim = before.onRemoteService(MSK('2026-03-02T10:00:00'));
      weeks(sim, '2026-03-02', 2); // the contact of 9 March is left open
      sim.at(MSK('2026-03-11T15:00:00'));
      return sim;
    };
    const old = written();
    expect(old.state.status === 'registered' && old.state.deadlines).toMatchObject({
      'contacts.2026-03-09.end': { kind: 'contact_period_end', dueAt: MSK('2026-03-16T00:00:00') },
      'contacts.2026-03-16.start': { kind: 'contact_period_start', dueAt: MSK('2026-03-16T00:00:00') },
    });
    const was = written();
    const is = resumedToday(written());
    for (const sim of [was, is]) weeks(sim, '2026-03-16', 6);
    expect(business(is.events)).toEqual(business(was.events));
    // worked out by hand: on Monday 16 March the period of the 9th is judged (its contact never
    // happened: missed, an unplanned one instead), then the period of the 16th starts
    const resumed = is.events.slice(old.events.length);
    expect(
      resumed
        .slice(0, 6)
        .map((e) => [
          e.type,
          (e.data as { deadlineId?: string; contactId?: string }).deadlineId ??
            (e.data as { contactId?: string }).contactId,
        ]),
    ).toEqual([
      ['DeadlineFired', 'contacts.2026-03-09.end'],
      ['ContactMissed', 'planned.2026-03-09'],
      ['ContactPlanned', 'missed.2026-03-09'],
      ['DeadlineFired', 'contacts.2026-03-16.start'],
      ['ContactPlanned', 'planned.2026-03-16'],
      ['DeadlineSet', 'contacts.2026-03-16.boundary'],
    ]);
    // from then on one timer a week: the periods of 16, 23, 30 March and 6, 13, 20 April
    expect(timers(resumed).filter((k) => k.startsWith('contact_'))).toEqual(
      Array<string>(6).fill('contact_period_boundary'),
    );
  });

  it('a client off remote service with its timers still pending: nothing is owed, no period starts', () => {
    // leaving cancels the timers today; a stream may hold a leaving without that (what the cadence
    // machine's `off` state is for). Leaving dropped the open contacts: the boundary fires and, as
    // the end and the start did, decides nothing
    const { is } = bothWays((t) => {
      const sim = t.onRemoteService(MSK('2026-03-02T10:00:00'));
      weeks(sim, '2026-03-02', 2);
      appendAsWritten(sim, {
        type: 'ClientLeftRemoteService',
        eventId: 'left-1',
        data: { to: 'left', reason: 'закрылся' },
      });
      weeks(sim, '2026-03-16', 2);
      return sim;
    });
    const left = is.events.findIndex((e) => e.type === 'ClientLeftRemoteService');
    expect(
      is.events.slice(left + 1).map((e) => [e.type, (e.data as { deadlineId?: string }).deadlineId]),
    ).toEqual([['DeadlineFired', 'contacts.2026-03-09.boundary']]);
  });
});

describe('the boundary in the auditor’s words', () => {
  const explained = (e: SimulatedEvent) =>
    explainDecision(e.rule!, {
      event: { type: e.type, data: e.data as unknown as Record<string, unknown>, occurredAt: e.recordedAt },
      evidence: [],
      dateOf: (instant) => moscow.dateOf(new Date(instant)),
    });

  it('names the day a period ends and the day the next begins, and the kind of the timer that fired', () => {
    const sim = today.onRemoteService(MSK('2026-03-02T10:00:00'));
    sim.at(MSK('2026-03-09T12:00:00'));
    const set = sim.events.filter((e) => e.type === 'DeadlineSet' && e.rule === 'contacts.cadence');
    const fired = sim.events.filter((e) => e.type === 'DeadlineFired');
    // the week of 2 March ends on Sunday the 8th; the boundary is the first instant of Monday the 9th
    expect(set.map(explained)).toEqual([
      'По графику контактов: начало периода 02.03',
      'По графику контактов: граница периодов: период кончается 08.03, следующий начинается 09.03',
      'По графику контактов: граница периодов: период кончается 15.03, следующий начинается 16.03',
    ]);
    expect(fired.map(explained)).toContain(
      'Сработал срок «граница периодов контактов», назначенный на 09.03',
    );
  });
});
