import { DomainError } from '../shared/domain-error';
import type { Actor } from '../shared/roles';
import type { ClientCommand } from './commands';
import { foldClient } from './evolve';
import { ACCESS, authorize, rolesFor } from './access';
import { registered } from '@ledger/domain/testing';
import type { RegisteredClient } from './state';

const client = foldClient([
  { ...registered(), metadata: { occurredAt: '2026-03-02T09:00:00Z', eventId: 'h1' } },
]) as RegisteredClient;
const refusal = (command: ClientCommand, actor: Actor): string | null => {
  try {
    authorize(command, client, actor);
    return null;
  } catch (e) {
    return (e as DomainError).rule;
  }
};

describe('access policy: one statement per command, used by the HTTP layer and the deciders', () => {
  const promise: ClientCommand = {
    type: 'RecordPaymentPromise',
    promiseId: 'p',
    promisedOn: '2026-03-20',
    remind: false,
  };
  const attempt: ClientCommand = {
    type: 'PlanContact',
    contactId: 'k',
    kind: 'planned',
    reason: 'debt',
    plannedAt: '2026-03-02T09:00:00Z',
  };
  const firstCall: ClientCommand = { type: 'RecordTransferStep', step: 'first_remote_call' };
  const letter: ClientCommand = { type: 'RecordTransferStep', step: 'letter_and_ros_call' };

  it.each([
    [promise, { id: 'kpp-1', role: 'KPP' }, null],
    [promise, { id: 'kpp-2', role: 'KPP' }, 'not_responsible'],
    [promise, { id: 'pm-1', role: 'PM' }, 'not_responsible'], // the КПП answers for it now
    [promise, { id: 'an-1', role: 'ANALYST' }, 'not_responsible'],
    [attempt, { id: 'pm-1', role: 'PM' }, null],
    [attempt, { id: 'pm-2', role: 'PM' }, 'not_assigned'],
    [attempt, { id: 'rkpp-1', role: 'RKPP' }, 'not_assigned'],
    [firstCall, { id: 'kpp-1', role: 'KPP' }, null],
    [firstCall, { id: 'kpp-2', role: 'KPP' }, 'not_allowed_transfer_step'],
    [letter, { id: 'kpp-1', role: 'KPP' }, 'not_allowed_transfer_step'],
    [letter, { id: 'ros-1', role: 'ROS' }, null],
    [
      { type: 'FireDeadline', deadlineId: 'x' } as ClientCommand,
      { id: 'admin', role: 'ADMIN' },
      'not_allowed',
    ],
    [{ type: 'FireDeadline', deadlineId: 'x' } as ClientCommand, { id: 'scheduler', role: 'SYSTEM' }, null],
  ] as Array<[ClientCommand, Actor, string | null]>)('%j by %j: %s', (command, actor, rule) => {
    expect(refusal(command, actor)).toBe(rule);
  });

  it('never lets ANALYST or RKPP write client data (an auditor writes only call reviews, API.md "Auditors")', () => {
    for (const type of Object.keys(ACCESS) as Array<keyof typeof ACCESS>) {
      expect(rolesFor(type)).not.toContain('ANALYST');
      if (type !== 'ReviewCall') expect(rolesFor(type)).not.toContain('RKPP');
    }
    expect(rolesFor('ReviewCall')).toEqual(['RKPP', 'ADMIN']);
  });
});
