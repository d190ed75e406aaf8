import { ClientEvent, DomainError, RegisterClient, decide, foldClient, toClientView } from '..';
import { contextAt } from '../testing/fixtures';

const context = contextAt('2026-03-01T09:00:00Z');

const register: RegisterClient = {
  type: 'RegisterClient',
  clientId: 'c-1',
  name: 'ООО «Ромашка»',
  monthlyFee: 10000,
  category: 'A',
  kppId: 'kpp-1',
  pmId: 'pm-1',
  contactCadence: 'weekly',
  billingDay: 1,
};

/** given these events, when this command: the events it decides (or its refusal). */
const given = (...events: ClientEvent[]) => ({
  when: (command: RegisterClient) => {
    const state = foldClient(
      events.map((e, i) => ({ ...e, metadata: { occurredAt: context.now.toISOString(), eventId: `e${i}` } })),
    );
    return () => decide(command, state, context);
  },
});

describe('client decider: registration', () => {
  it('registers a new client in the caller’s РИЦ', () => {
    expect(given().when(register)()).toEqual([
      {
        type: 'ClientRegistered',
        eventId: expect.any(String),
        data: {
          clientId: 'c-1',
          ric: '444',
          name: 'ООО «Ромашка»',
          monthlyFee: 10000,
          category: 'A',
          kppId: 'kpp-1',
          pmId: 'pm-1',
          contactCadence: 'weekly',
          billingDay: 1,
        },
      },
    ]);
  });

  it('refuses to register the same client twice', () => {
    const [registered] = given().when(register)() as ClientEvent[];
    const attempt = given(registered!).when(register);
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow(expect.objectContaining({ rule: 'client_already_registered', kind: 'conflict' }));
  });

  it('starts a registered client as a candidate with its КПП responsible', () => {
    const [registered] = given().when(register)() as ClientEvent[];
    const view = toClientView(
      foldClient([{ ...registered!, metadata: { occurredAt: context.now.toISOString(), eventId: 'e1' } }]),
    );
    expect(view).toMatchObject({
      clientId: 'c-1',
      lifecycle: 'candidate',
      responsible: { role: 'KPP', employeeId: 'kpp-1' },
      debtMonths: 0,
      openPromise: null,
      openThreats: [],
    });
  });

  it('passes over event types it does not know (newer writers, other aggregates)', () => {
    const [registered] = given().when(register)() as ClientEvent[];
    const state = foldClient([
      { ...registered!, metadata: { occurredAt: context.now.toISOString(), eventId: 'e1' } },
      {
        type: 'SomethingFromTheFuture',
        data: {},
        metadata: { occurredAt: context.now.toISOString(), eventId: 'e2' },
      },
    ]);
    expect(state.status).toBe('registered');
  });
});
