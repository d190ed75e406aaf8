import { decide } from '../client/decide';
import { foldClient } from '../client/evolve';
import { ACTORS, contactPlanned, registered, specification } from '@ledger/domain/testing';
import { CLOSING_REASONS } from './codes';
import type { CloseContact } from './commands';

const given = specification(decide);
const close = (closingReason: string, stages: number[] = []): CloseContact => ({
  type: 'CloseContact',
  contactId: 'k1',
  closingReason,
  stages,
  instrumentsUsed: [],
});

describe('contacts: closing records the stages done', () => {
  it.each([
    ['new_features', [4]], // «Этап 4 — Вывод новшеств»
    ['stage_4', [4]],
    ['stage_5', [5]],
    ['stage_2', [2]],
    ['payment_work', []],
    ['changed_circumstances', []], // «Смена обстоятельств» [004]
  ])('closing reason %s records stages %j', (reason, stages) => {
    const events = given(registered(), contactPlanned('k1'))
      .when(close(reason), { actor: ACTORS.kpp })
      .events();
    expect(events[0]).toMatchObject({ type: 'ContactClosed', data: { closingReason: reason, stages } });
    expect(events.slice(1).map((e) => (e.data as { stage: number }).stage)).toEqual(stages);
  });

  it('joins the stages named with the one the closing reason names, once each', () => {
    const events = given(registered(), contactPlanned('k1'))
      .when(close('stage_4', [4, 6]), { actor: ACTORS.kpp })
      .events();
    expect(events[0]!.data).toMatchObject({ stages: [4, 6] });
  });

  it('knows the closing reason changed_circumstances', () => {
    expect(CLOSING_REASONS).toContain('changed_circumstances');
  });

  it('counts a contact closed as new_features as the month’s engagement', () => {
    const history = [registered(), contactPlanned('k1')];
    const events = given(...history)
      .when(close('new_features'), { actor: ACTORS.kpp, at: '2026-03-10T09:00:00Z' })
      .events();
    const state = foldClient(
      [...history, ...events].map((e, i) => ({
        ...e,
        metadata: { occurredAt: '2026-03-10T09:00:00Z', eventId: `x${i}` },
      })),
    );
    expect(state.status === 'registered' && state.lastEngagementMonth).toBe('2026-03');
  });
});

describe('contacts: stage 1, the reception into remote service, once and by the ПМ', () => {
  const stage1 = close('task_work', [1]);

  it('is the personal manager’s', () => {
    given(registered(), contactPlanned('k1'))
      .when(stage1, { actor: ACTORS.kpp })
      .thenRefused('stage_1_by_personal_manager');
    given(registered(), contactPlanned('k1'))
      .when(stage1, { actor: ACTORS.ros })
      .thenRefused('stage_1_by_personal_manager');
    given(registered(), contactPlanned('k1'))
      .when(stage1, { actor: ACTORS.pm })
      .then([
        { type: 'ContactClosed' },
        { type: 'StageCompleted', data: { stage: 1, contactId: 'k1', onDate: '2026-03-02' } },
      ]);
  });

  it('happens once', () => {
    given(
      registered(),
      contactPlanned('k0'),
      { type: 'StageCompleted', data: { stage: 1, contactId: 'k0', onDate: '2026-02-20' } },
      contactPlanned('k1'),
    )
      .when(stage1, { actor: ACTORS.pm })
      .thenRefused('stage_1_already_done');
  });
});

describe('contacts: ids are one URL path segment', () => {
  // A stream written before ids were path-safe: the cadence planned `planned/2026-03-02`.
  const oldStream = [registered(), contactPlanned('planned/2026-03-02')];

  it('reads an old id in today’s form', () => {
    const state = foldClient(
      oldStream.map((e, i) => ({ ...e, metadata: { occurredAt: '2026-03-02T06:00:00Z', eventId: `h${i}` } })),
    );
    expect(state.status === 'registered' && Object.keys(state.openContacts)).toEqual(['planned.2026-03-02']);
  });

  it.each(['planned.2026-03-02', 'planned/2026-03-02'])(
    'takes an attempt on the old contact by the id %s',
    (contactId) => {
      given(...oldStream)
        .when(
          {
            type: 'RecordCallAttempt',
            contactId,
            outcome: 'no_answer',
            occurredAt: '2026-03-02T08:00:00.000Z',
          },
          { actor: ACTORS.kpp },
        )
        .then([
          {
            type: 'CallAttempted',
            data: {
              contactId: 'planned.2026-03-02',
              outcome: 'no_answer',
              channel: 'phone',
              direction: 'outgoing',
            },
          },
        ]);
    },
  );
});
