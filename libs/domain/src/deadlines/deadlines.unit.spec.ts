import { decide } from '../client/decide';
import { ACTORS, registered, specification } from '@ledger/domain/testing';
import type { GivenEvent } from '@ledger/domain/testing';

const given = specification(decide);
const set = (deadlineId: string, dueAt: string): GivenEvent => ({
  type: 'DeadlineSet',
  data: { deadlineId, kind: 'engagement_check', dueAt },
});

describe('deadlines: firing', () => {
  it('fires a pending deadline at its due instant, naming the DeadlineSet it follows from', () => {
    given(registered(), set('engagement.2026-03', '2026-03-31T21:00:00.000Z'))
      .when(
        { type: 'FireDeadline', deadlineId: 'engagement.2026-03' },
        { actor: ACTORS.system, at: '2026-03-31T21:00:00Z' },
      )
      .then([
        {
          type: 'DeadlineFired',
          occurredAt: '2026-03-31T21:00:00.000Z',
          data: {
            deadlineId: 'engagement.2026-03',
            kind: 'engagement_check',
            dueAt: '2026-03-31T21:00:00.000Z',
          },
          rule: 'deadlines.due',
          evidence: ['h2'],
          causationId: 'h2',
        },
      ]);
  });

  it('ignores a deadline asked to fire before its due instant', () => {
    given(registered(), set('engagement.2026-03', '2026-03-31T21:00:00.000Z'))
      .when(
        { type: 'FireDeadline', deadlineId: 'engagement.2026-03' },
        { actor: ACTORS.system, at: '2026-03-31T20:59:59Z' },
      )
      .then([]);
  });

  it('fires once: a deadline no longer pending decides nothing', () => {
    given(registered(), set('engagement.2026-03', '2026-03-31T21:00:00.000Z'), {
      type: 'DeadlineCancelled',
      data: { deadlineId: 'engagement.2026-03' },
    })
      .when(
        { type: 'FireDeadline', deadlineId: 'engagement.2026-03' },
        { actor: ACTORS.system, at: '2026-04-01T00:00:00Z' },
      )
      .then([]);
  });

  it('fires a deadline set under an old id (with `/`) under today’s id, by either', () => {
    for (const asked of ['promise/p1/due', 'promise.p1.due']) {
      given(registered(), set('promise/p1/due', '2026-03-20T21:00:00.000Z'))
        .when(
          { type: 'FireDeadline', deadlineId: asked },
          { actor: ACTORS.system, at: '2026-03-21T00:00:00Z' },
        )
        .then([
          {
            type: 'DeadlineFired',
            data: {
              deadlineId: 'promise.p1.due',
              kind: 'engagement_check',
              dueAt: '2026-03-20T21:00:00.000Z',
            },
          },
        ]);
    }
  });
});
