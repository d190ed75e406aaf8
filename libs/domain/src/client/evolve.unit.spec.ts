import type { ClientEvent } from './events';
import { cloneState, evolve, evolveOwned, foldClient } from './evolve';
import { invoiced, registered } from '@ledger/domain/testing';

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};
const at = (events: ClientEvent[]) =>
  events.map((e, i) => ({ ...e, metadata: { occurredAt: '2026-03-10T09:00:00Z', eventId: `h${i}` } }));

/** A kept promise (final, shared between states) whose reminder had come due, and an open one. */
const history: ClientEvent[] = [
  registered(),
  invoiced(20000),
  {
    type: 'PaymentPromiseRecorded',
    data: {
      promiseId: 'p1',
      promisedOn: '2026-03-12',
      target: 10000,
      remind: true,
      remindOn: '2026-03-11',
      projectedDebtMonths: 2,
    },
  },
  { type: 'PaymentReminderDue', data: { promiseId: 'p1', remindOn: '2026-03-11' } },
  { type: 'PaymentReceived', data: { paymentId: 'pay-1', amount: 10000, paidOn: '2026-03-11' } },
  { type: 'PaymentPromiseKept', data: { promiseId: 'p1', promisedOn: '2026-03-12', paidInTime: 10000 } },
  {
    type: 'PaymentPromiseRecorded',
    data: { promiseId: 'p2', promisedOn: '2026-03-20', target: 10000, remind: false, projectedDebtMonths: 1 },
  },
];

describe('evolve leaves the state it is given as it was', () => {
  it.each<[string, ClientEvent]>([
    ['a reminder done on a kept promise', { type: 'PaymentReminderDone', data: { promiseId: 'p1' } }],
    [
      'a payment towards the open promise',
      { type: 'PaymentReceived', data: { paymentId: 'pay-2', amount: 10000, paidOn: '2026-03-15' } },
    ],
    [
      'a broken open promise',
      {
        type: 'PaymentPromiseBroken',
        data: {
          promiseId: 'p2',
          promisedOn: '2026-03-20',
          paidInTime: 0,
          target: 10000,
          followUpDueBy: '2026-03-25T21:00:00.000Z',
          followUpDueOn: '2026-03-25',
        },
      },
    ],
    [
      'a new contact',
      {
        type: 'ContactPlanned',
        data: {
          contactId: 'k',
          kind: 'planned',
          reason: 'debt',
          plannedAt: '2026-03-11T06:00:00.000Z',
          assignee: { role: 'KPP', employeeId: 'kpp-1' },
        },
      },
    ],
  ])('%s', (_, event) => {
    const before = deepFreeze(foldClient(at(history)));
    const snapshot = JSON.stringify(before);
    const after = evolve(before, event, { eventId: 'x', occurredAt: '2026-03-21T00:00:00Z' });
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(after).not.toBe(before);
  });

  it('shares the final promises of a long history instead of copying them', () => {
    const before = foldClient(at(history));
    const after = evolve(
      before,
      { type: 'InvoiceIssued', data: { invoiceId: 'i9', amount: 1, issuedOn: '2026-03-21' } },
      { eventId: 'x', occurredAt: '2026-03-21T00:00:00Z' },
    );
    if (before.status !== 'registered' || after.status !== 'registered') throw new Error('not registered');
    expect(after.receivables.promises[0]).toBe(before.receivables.promises[0]); // kept: shared
    expect(after.receivables.promises[1]).not.toBe(before.receivables.promises[1]); // open: copied
  });
});

describe('cloneState taking the id maps (the command path gives its cached state up)', () => {
  const idMaps: readonly string[] = ['invoiceIds', 'paymentIds', 'promiseIndex'];
  /** A registered state frozen throughout but for the contents of its growing id maps. */
  const frozenButIdMaps = () => {
    const state = foldClient(at(history));
    if (state.status !== 'registered') throw new Error('not registered');
    for (const [k, v] of Object.entries(state)) if (k !== 'receivables') deepFreeze(v);
    for (const [k, v] of Object.entries(state.receivables)) if (!idMaps.includes(k)) deepFreeze(v);
    Object.freeze(state.receivables);
    return Object.freeze(state);
  };
  const withoutIdMaps = (state: unknown) =>
    JSON.stringify(state, (k, v) => (idMaps.includes(k) ? undefined : v));

  it.each<[string, ClientEvent]>([
    [
      'a payment',
      { type: 'PaymentReceived', data: { paymentId: 'pay-2', amount: 10000, paidOn: '2026-03-15' } },
    ],
    ['an invoice', { type: 'InvoiceIssued', data: { invoiceId: 'i9', amount: 1, issuedOn: '2026-03-21' } }],
  ])('%s: extends the id maps in place and leaves the rest of the state as it was', (_, event) => {
    const before = frozenButIdMaps();
    const snapshot = withoutIdMaps(before);
    const after = evolveOwned(cloneState(before, true), event, {
      eventId: 'x',
      occurredAt: '2026-03-21T00:00:00Z',
    });
    if (after.status !== 'registered') throw new Error('not registered');
    expect(withoutIdMaps(before)).toBe(snapshot);
    // shared, not copied: that is what makes a payment cost the same at any history length
    expect(after.receivables.paymentIds).toBe(before.receivables.paymentIds);
    expect(after.receivables.invoiceIds).toBe(before.receivables.invoiceIds);
    // pay-1 and inv-1 of the history, and the new id
    expect(
      Object.keys(after.receivables.paymentIds).length + Object.keys(after.receivables.invoiceIds).length,
    ).toBe(3);
  });

  it('without taking, the id maps are copied on the first write and the given state keeps its ids', () => {
    const before = deepFreeze(foldClient(at(history)));
    const after = evolveOwned(
      cloneState(before),
      { type: 'PaymentReceived', data: { paymentId: 'pay-2', amount: 10000, paidOn: '2026-03-15' } },
      { eventId: 'x', occurredAt: '2026-03-21T00:00:00Z' },
    );
    if (before.status !== 'registered' || after.status !== 'registered') throw new Error('not registered');
    expect(Object.keys(before.receivables.paymentIds)).toEqual(['pay-1']);
    expect(Object.keys(after.receivables.paymentIds)).toEqual(['pay-1', 'pay-2']);
  });
});
