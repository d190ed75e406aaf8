import type { ClientEvent } from '../client/events';
import { foldClient } from '../client/evolve';
import { invoiced, registered, NECESSITY_TABLE_003 } from '@ledger/domain/testing';
import {
  DEFAULT_NECESSITY_SETTINGS,
  DEFAULT_NECESSITY_WEIGHTS,
  contactNecessity,
  necessityOf,
  necessitySigns,
  parseNecessityWeights,
} from './contact-necessity';

/** [003]'s table, 16 clients (the shared fixture; see its comment). */
const TABLE = NECESSITY_TABLE_003;
const yes = (v: string) => v === 'Да';

/** A client of the table: its debt invoiced unpaid, its signs as the week's usage facts. */
function clientOf(row: (typeof TABLE)[number]) {
  const [clientId, renewal, , acts, systemUse, updates, hotline, training, , debt] = row;
  const events: ClientEvent[] = [
    registered({ clientId, category: 'B', monthlyFee: 10000 }),
    ...(debt > 0 ? [invoiced(debt)] : []),
    {
      type: 'UsageObserved',
      data: {
        weekStart: '2018-09-10',
        logins: yes(systemUse) ? 0 : 5,
        portalRequests: yes(hotline) ? 1 : 0,
        hotlineRequests: 0,
        trainedShare: training === 'Выполнена' ? 0.6 : 0.2,
        webinars: 0,
        newsletterClicks: 0,
        videoClicks: 0,
        updatesInstalled: yes(updates),
        renewalPeriodStarted: yes(renewal),
        unreturnedActs: yes(acts) ? 1 : 0,
        competitor: 'no',
      },
    },
  ];
  return foldClient(
    events.map((e, i) => ({ ...e, metadata: { occurredAt: '2018-09-17T09:00:00Z', eventId: `h${i}` } })),
  );
}

describe('contact necessity indicator (показатель необходимости контакта) [003]', () => {
  it.each(TABLE)('client %s: %s %s %s %s %s %s %s → %d (debt %d ₽)', (...row) => {
    const [, renewal, debt, acts, systemUse, updates, hotline, training, expected] = row;
    expect(
      necessityOf({
        renewalPeriodStarted: yes(renewal),
        debt: yes(debt),
        unreturnedActs: yes(acts),
        noSystemUse: yes(systemUse),
        noUpdates: !yes(updates),
        hotlineAndPortalNotUsed: !yes(hotline),
        trainingNormNotMet: training === 'Не выполнена',
      }),
    ).toBe(expected);
  });

  it.each(TABLE)(
    'client %s from its facts: the debt sign is a debt over one month (fee 10 000 ₽)',
    (...row) => {
      const state = clientOf(row);
      expect(necessitySigns(state)?.debt).toBe(yes(row[2]));
      expect(contactNecessity(state)).toBe(row[8]);
    },
  );

  it('takes weights and the debt depth from configuration', () => {
    const state = clientOf(TABLE[6]!); // 17780: 13 626.88 ₽ unpaid, 1.36 months
    expect(contactNecessity(state)).toBe(0.35);
    const weights = parseNecessityWeights('debt=0.3, base=0.1');
    expect(weights).toEqual({ ...DEFAULT_NECESSITY_WEIGHTS, debt: 0.3, base: 0.1 });
    expect(contactNecessity(state, { ...DEFAULT_NECESSITY_SETTINGS, weights })).toBe(0.45);
    expect(contactNecessity(state, { ...DEFAULT_NECESSITY_SETTINGS, debtOverMonths: 1.5 })).toBe(0.25);
  });

  it('names the bad part of a configured weight', () => {
    expect(() => parseNecessityWeights('debts=0.1')).toThrow(/unknown weight "debts"/);
    expect(() => parseNecessityWeights('debt=lots')).toThrow(/weight debt must be a number/);
  });
});
