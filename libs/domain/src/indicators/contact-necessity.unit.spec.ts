import type { ClientEvent } from '../client/events';
import { foldClient } from '../client/evolve';
import { invoiced, registered } from '@ledger/domain/testing';
import {
  DEFAULT_NECESSITY_SETTINGS,
  DEFAULT_NECESSITY_WEIGHTS,
  contactNecessity,
  necessityOf,
  necessitySigns,
  parseNecessityWeights,
} from './contact-necessity';

/**
 * The table of [003] (17.09.2018), all 16 rows: renewal period, debt, unreturned acts, system use,
 * updates, hotline/personal account use, training norm → indicator, and the current «Долг по ИО».
 */
const TABLE: Array<[string, string, string, string, string, string, string, string, number, number]> = [
  ['11123', 'Нет', 'Нет', 'Нет', 'Нет', 'Да', 'Да', 'Выполнена', 0.2, 0],
  ['14979', 'Нет', 'Нет', 'Нет', 'Нет', 'Да', 'Нет', 'Выполнена', 0.25, 8241.22],
  ['15333', 'Нет', 'Нет', 'Нет', 'Нет', 'Нет', 'Да', 'Не выполнена', 0.5, 0],
  ['15355', 'Нет', 'Нет', 'Нет', 'Нет', 'Нет', 'Нет', 'Не выполнена', 0.55, 6390.33],
  ['15627', 'Нет', 'Нет', 'Нет', 'Нет', 'Да', 'Нет', 'Выполнена', 0.25, 0],
  ['16027', 'Нет', 'Нет', 'Нет', 'Нет', 'Да', 'Нет', 'Выполнена', 0.25, 6272.76],
  ['17780', 'Нет', 'Да', 'Нет', 'Нет', 'Да', 'Нет', 'Выполнена', 0.35, 13626.88],
  ['19254', 'Нет', 'Нет', 'Нет', 'Нет', 'Да', 'Нет', 'Не выполнена', 0.45, 0],
  ['19856', 'Нет', 'Нет', 'Нет', 'Нет', 'Нет', 'Нет', 'Выполнена', 0.35, 0],
  ['20053', 'Нет', 'Нет', 'Нет', 'Нет', 'Да', 'Нет', 'Выполнена', 0.25, 0],
  ['20399', 'Нет', 'Нет', 'Нет', 'Нет', 'Да', 'Нет', 'Не выполнена', 0.45, 0],
  ['21740', 'Нет', 'Нет', 'Нет', 'Нет', 'Да', 'Нет', 'Не выполнена', 0.45, 0],
  ['22479', 'Да', 'Нет', 'Нет', 'Нет', 'Да', 'Да', 'Выполнена', 0.5, 0],
  ['23042', 'Нет', 'Нет', 'Нет', 'Нет', 'Нет', 'Да', 'Не выполнена', 0.5, 0],
  ['25022', 'Нет', 'Нет', 'Нет', 'Нет', 'Да', 'Нет', 'Не выполнена', 0.45, 3061.19],
  ['2753', 'Нет', 'Нет', 'Нет', 'Нет', 'Нет', 'Да', 'Выполнена', 0.3, 5422.91],
];
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
