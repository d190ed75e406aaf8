import type { ClientEvent } from './events';
import { cloneState, evolve, foldClient } from './evolve';
import type { RegisteredClient } from './state';
import { registered } from '@ledger/domain/testing';

const deepFreeze = <T>(value: T): T => {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};
const at = (events: ClientEvent[]) =>
  events.map((e, i) => ({ ...e, metadata: { occurredAt: '2026-03-10T09:00:00Z', eventId: `h${i}` } }));
const person = (contactPersonId: string, name: string): ClientEvent => ({
  type: 'ContactPersonAdded',
  data: { contactPersonId, name, roles: ['payer'], phones: ['+7 900 000 0000'], emails: [], interests: [] },
});

/** A client in transfer with a threat, a contact person and a second service point. */
const history: ClientEvent[] = [
  registered(),
  {
    type: 'TransferToRemoteServiceStarted',
    data: { criteria: { category: 'B', debtMonths: 0, monthlyFee: 10000 } },
  },
  { type: 'ThreatRaised', data: { threatId: 't1', threatType: 'manual' } },
  person('kl-1', 'Анна'),
  { type: 'ServicePointAdded', data: { servicePointId: 'sp2', name: 'Филиал', contactCadence: 'biweekly' } },
];

const registeredOf = (state: ReturnType<typeof foldClient>): RegisteredClient => {
  if (state.status !== 'registered') throw new Error('not registered');
  return state;
};

// Issue 13: a state's clone shares its threats, transfer record, service points and contact persons
// (copying them for every command was a good part of a simulated year's CPU); their evolve replaces
// them instead. The state given to evolve stays as it was, frozen throughout, and the new one has
// the change.
describe('evolve replaces the parts a clone shares, leaving the given state as it was', () => {
  it.each<[string, ClientEvent, (after: RegisteredClient) => unknown, unknown]>([
    [
      'a second threat',
      { type: 'ThreatRaised', data: { threatId: 't2', threatType: 'payment_date_refused' } },
      (s) => s.threats.map((t) => [t.threatId, t.open]),
      [
        ['t1', true],
        ['t2', true],
      ],
    ],
    [
      'the threat lifted',
      { type: 'ThreatResolved', data: { threatId: 't1', resolution: 'threat_lifted' } },
      (s) => s.threats.map((t) => [t.threatId, t.open]),
      [['t1', false]],
    ],
    ['a second person', person('kl-2', 'Борис'), (s) => Object.keys(s.contactPersons), ['kl-1', 'kl-2']],
    [
      'a person changed',
      { type: 'ContactPersonChanged', data: { contactPersonId: 'kl-1', name: 'Анна Петровна' } },
      (s) => s.contactPersons['kl-1']!.name,
      'Анна Петровна',
    ],
    [
      'a person erased',
      { type: 'ContactPersonErased', data: { contactPersonId: 'kl-1', reason: 'request' } },
      (s) => [s.contactPersons['kl-1']!.erased, s.contactPersons['kl-1']!.phones],
      [true, []],
    ],
    [
      'a third service point',
      {
        type: 'ServicePointAdded',
        data: { servicePointId: 'sp3', name: 'Склад', contactCadence: 'monthly' },
      },
      (s) => Object.keys(s.servicePoints),
      ['sp2', 'sp3'],
    ],
    [
      'the letter sent',
      { type: 'TransferLetterSent', data: {} },
      (s) => s.transfer,
      { startedAt: '2026-03-10T09:00:00Z', letterSentAt: '2026-03-21T00:00:00Z' },
    ],
    [
      'the first remote call',
      { type: 'FirstRemoteCallCompleted', data: { kppId: 'kpp-1' } },
      (s) => [s.lifecycle, s.transfer.firstRemoteCallAt],
      ['active', '2026-03-21T00:00:00Z'],
    ],
  ])('%s', (_, event, read, expected) => {
    const before = deepFreeze(registeredOf(foldClient(at(history))));
    const snapshot = JSON.stringify(before);
    const after = registeredOf(evolve(before, event, { eventId: 'x', occurredAt: '2026-03-21T00:00:00Z' }));
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(read(after)).toEqual(expected);
  });

  it('a clone shares those parts and copies the ones evolve changes in place', () => {
    const before = registeredOf(foldClient(at(history)));
    const clone = registeredOf(cloneState(before));
    expect(clone.threats).toBe(before.threats);
    expect(clone.transfer).toBe(before.transfer);
    expect(clone.servicePoints).toBe(before.servicePoints);
    expect(clone.contactPersons).toBe(before.contactPersons);
    expect(clone.deadlines).not.toBe(before.deadlines);
    expect(clone.openContacts).not.toBe(before.openContacts);
    expect(clone.receivables).not.toBe(before.receivables);
  });
});
