import { decide } from '../client/decide';
import { foldClient } from '../client/evolve';
import { workItemsOf } from '../client/work-items';
import type { ClientEvent } from '../client/events';
import { ACTORS, contactPlanned, registered, specification } from '@ledger/domain/testing';

const given = specification(decide);
const fold = (events: ClientEvent[]) =>
  foldClient(
    events.map((e, i) => ({ ...e, metadata: { occurredAt: '2026-03-02T09:00:00Z', eventId: `h${i}` } })),
  );

describe('registration: reassignment to another КПП or ПМ', () => {
  it('records who the client is assigned to now, and who before, with the reason', () => {
    given(registered())
      .when({ type: 'AssignClient', kppId: 'kpp-2', comment: 'отпуск' }, { actor: ACTORS.ros })
      .then([
        {
          type: 'ClientAssigned',
          data: {
            kppId: 'kpp-2',
            pmId: 'pm-1',
            previousKppId: 'kpp-1',
            previousPmId: 'pm-1',
            comment: 'отпуск',
          },
        },
      ]);
  });

  it('changes nothing when the same people are named', () => {
    given(registered())
      .when({ type: 'AssignClient', kppId: 'kpp-1', pmId: 'pm-1' }, { actor: ACTORS.ros })
      .then([]);
  });

  it('is ROS’s or ADMIN’s to do', () => {
    given(registered())
      .when({ type: 'AssignClient', kppId: 'kpp-2' }, { actor: ACTORS.kpp })
      .thenRefused('not_allowed_assignment', 'forbidden');
  });

  it('moves the open work of the previous КПП and ПМ to the new ones', () => {
    const assigned: ClientEvent = {
      type: 'ClientAssigned',
      data: { kppId: 'kpp-2', pmId: 'pm-2', previousKppId: 'kpp-1', previousPmId: 'pm-1' },
    };
    const state = fold([
      registered(),
      contactPlanned('k1'),
      contactPlanned('k2', { assignee: { role: 'PM', employeeId: 'pm-1' } }),
      contactPlanned('k3', { assignee: { role: 'PM', employeeId: 'pm-9' } }), // someone else's stays theirs
      assigned,
    ]);
    expect(state).toMatchObject({
      kppId: 'kpp-2',
      pmId: 'pm-2',
      responsible: { role: 'KPP', employeeId: 'kpp-2' },
    });
    expect(workItemsOf(state).map((i) => [i.itemId, i.assignee.employeeId])).toEqual([
      ['contact.k1', 'kpp-2'],
      ['contact.k2', 'pm-2'],
      ['contact.k3', 'pm-9'],
    ]);
  });

  it('hands a client that is with its ПМ as a threat to the new ПМ', () => {
    const state = fold([
      registered(),
      { type: 'ThreatRaised', data: { threatId: 't1', threatType: 'manual' } },
      {
        type: 'HandedOverToPM',
        data: {
          threatId: 't1',
          reason: 'manual',
          fromKppId: 'kpp-1',
          toPmId: 'pm-1',
          sheet: {
            unpaid: 0,
            debtMonths: 0,
            monthlyFee: 10000,
            promises: [],
            brokenPromisesInRow: 0,
            contacts: [],
          },
        },
      },
      {
        type: 'ClientAssigned',
        data: { kppId: 'kpp-1', pmId: 'pm-2', previousKppId: 'kpp-1', previousPmId: 'pm-1' },
      },
    ]);
    expect(state).toMatchObject({ responsible: { role: 'PM', employeeId: 'pm-2' } });
    expect(workItemsOf(state).find((i) => i.kind === 'threat')?.assignee).toEqual({
      role: 'PM',
      employeeId: 'pm-2',
    });
  });
});
