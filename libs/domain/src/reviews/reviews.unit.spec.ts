import { decide } from '../client/decide';
import { foldClient } from '../client/evolve';
import type { ClientEvent } from '../client/events';
import { ACTORS, contactPlanned, registered, specification } from '@ledger/domain/testing';
import type { Actor } from '../shared/roles';
import type { ReviewCall } from './commands';
import { CHECKLISTS, REVIEW_SHEETS, overallScore } from './checklists';

const given = specification(decide);
const auditor: Actor = { id: 'rkpp-1', role: 'RKPP' };

const attempt = (contactId: string, outcome: string, occurredAt = '2026-03-02T07:10:00.000Z') =>
  ({
    type: 'CallAttempted',
    occurredAt,
    data: { contactId, outcome, channel: 'phone', direction: 'outgoing' },
  }) as ClientEvent & { occurredAt: string };
const closed = (contactId: string): ClientEvent => ({
  type: 'ContactClosed',
  data: { contactId, closingReason: 'payment_work', stages: [], instrumentsUsed: [], instrumentsPlanned: [] },
});
/** The payment sheet's four items: 2 + 2 + 1 + 0 = 5 of 8 → 62.5 %. */
const paymentScores = { invoice_received: 2, payment_date: 2, next_call: 1, broken_date: 0 };
const review = (extra: Partial<ReviewCall> = {}): ReviewCall => ({
  type: 'ReviewCall',
  reviewId: 'r1',
  contactId: 'k1',
  sheet: 'payment',
  scores: paymentScores,
  comment: 'Не выяснил причину переноса',
  ...extra,
});

describe('call reviews [004]', () => {
  it('has one sheet per kind of work, each with coded Russian items', () => {
    expect(Object.keys(CHECKLISTS)).toEqual([...REVIEW_SHEETS]);
    expect(REVIEW_SHEETS).toEqual([
      'introduction',
      'service_engagement',
      'system_engagement',
      'news',
      'feedback',
      'payment',
      'fk',
    ]);
    for (const sheet of REVIEW_SHEETS) {
      const codes = CHECKLISTS[sheet].items.map((i) => i.code);
      expect(new Set(codes).size).toBe(codes.length);
      expect(CHECKLISTS[sheet].items.every((i) => /[а-яё]/i.test(i.text))).toBe(true);
    }
    // the seed's own words for the introduction call
    expect(CHECKLISTS.introduction.items.map((i) => i.text).join(' ')).toContain(
      'Готовы уделить мне 10-15 минут?',
    );
  });

  it('scores a review as the share of the highest possible: 5 of 8 points is 62.5 %', () => {
    expect(overallScore(paymentScores)).toBe(62.5);
    expect(overallScore({ a: 2, b: 2, c: 2 })).toBe(100);
    expect(overallScore({ a: 0, b: 1, c: 0 })).toBe(16.7); // 1 of 6
  });

  it('records a review of a connected call, after the contact closed, naming whose call it was', () => {
    given(
      registered(),
      contactPlanned('k1'),
      attempt('k1', 'no_answer'),
      attempt('k1', 'connected'),
      closed('k1'),
    )
      .when(review(), { actor: auditor })
      .then([
        {
          type: 'CallReviewed',
          data: {
            reviewId: 'r1',
            contactId: 'k1',
            sheet: 'payment',
            scores: paymentScores,
            score: 62.5,
            comment: 'Не выяснил причину переноса',
            employee: { role: 'KPP', employeeId: 'kpp-1' },
            connectedAt: '2026-03-02T07:10:00.000Z',
            reviewer: { role: 'RKPP', employeeId: 'rkpp-1' },
          },
        },
      ]);
  });

  it('remembers the first connected attempt only', () => {
    const state = foldClient(
      [
        registered(),
        contactPlanned('k1'),
        attempt('k1', 'connected_with_login', '2026-03-02T07:10:00.000Z'),
        attempt('k1', 'connected', '2026-03-02T08:00:00.000Z'),
      ].map((e, i) => ({
        type: e.type,
        data: e.data,
        metadata: {
          eventId: `h${i}`,
          occurredAt: (e as { occurredAt?: string }).occurredAt ?? '2026-03-02T06:00:00Z',
        },
      })),
    );
    expect(state.status === 'registered' && state.connectedCalls).toEqual({
      k1: { employee: { role: 'KPP', employeeId: 'kpp-1' }, connectedAt: '2026-03-02T07:10:00.000Z' },
    });
  });

  it.each(['no_answer', 'person_absent', 'unproductive', 'not_done_in_time'])(
    'refuses to review a contact whose only attempt was %s (contact_not_connected)',
    (outcome) => {
      given(registered(), contactPlanned('k1'), attempt('k1', outcome))
        .when(review(), { actor: auditor })
        .thenRefused('contact_not_connected', 'conflict');
    },
  );

  it('refuses a contact the client never had', () => {
    given(registered())
      .when(review({ contactId: 'nope' }), { actor: auditor })
      .thenRefused('contact_not_connected');
  });

  it('refuses scores that miss an item, name a foreign one or leave 0–2', () => {
    const history = [registered(), contactPlanned('k1'), attempt('k1', 'connected')];
    const { broken_date: _omitted, ...three } = paymentScores;
    given(...history)
      .when(review({ scores: three }), { actor: auditor })
      .thenRefused('scores_do_not_match_sheet');
    given(...history)
      .when(review({ scores: { ...paymentScores, greeting: 2 } }), { actor: auditor })
      .thenRefused('scores_do_not_match_sheet');
    given(...history)
      .when(review({ scores: { ...paymentScores, next_call: 3 } }), { actor: auditor })
      .thenRefused('score_out_of_range');
  });

  it.each([
    ['a КПП', ACTORS.kpp],
    ['a ПМ', ACTORS.pm],
    ['РОС', ACTORS.ros],
  ])('lets only РКПП and ADMIN review: %s may not', (_who, actor) => {
    given(registered(), contactPlanned('k1'), attempt('k1', 'connected'))
      .when(review(), { actor })
      .thenRefused('not_allowed_review', 'forbidden');
  });

  it('lets ADMIN review', () => {
    const events = given(registered(), contactPlanned('k1'), attempt('k1', 'connected'))
      .when(review(), { actor: { id: 'admin', role: 'ADMIN' } })
      .events();
    expect(events.map((e) => e.type)).toEqual(['CallReviewed']);
  });
});
