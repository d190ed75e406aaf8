import { necessityOf } from './contact-necessity';

/** The table of [003] (17.09.2018): renewal, debt, unreturned acts, system use, updates, ГЛ/ЛК use, training norm → indicator. */
const TABLE: Array<[string, string, string, string, string, string, string, string, number]> = [
  ['11123', 'Нет', 'Нет', 'Нет', 'Нет', 'Да', 'Да', 'Выполнена', 0.2],
  ['14979', 'Нет', 'Нет', 'Нет', 'Нет', 'Да', 'Нет', 'Выполнена', 0.25],
  ['15333', 'Нет', 'Нет', 'Нет', 'Нет', 'Нет', 'Да', 'Не выполнена', 0.5],
  ['15355', 'Нет', 'Нет', 'Нет', 'Нет', 'Нет', 'Нет', 'Не выполнена', 0.55],
  ['15627', 'Нет', 'Нет', 'Нет', 'Нет', 'Да', 'Нет', 'Выполнена', 0.25],
  ['17780', 'Нет', 'Да', 'Нет', 'Нет', 'Да', 'Нет', 'Выполнена', 0.35],
  ['19254', 'Нет', 'Нет', 'Нет', 'Нет', 'Да', 'Нет', 'Не выполнена', 0.45],
  ['19856', 'Нет', 'Нет', 'Нет', 'Нет', 'Нет', 'Нет', 'Выполнена', 0.35],
  ['22479', 'Да', 'Нет', 'Нет', 'Нет', 'Да', 'Да', 'Выполнена', 0.5],
  ['23042', 'Нет', 'Нет', 'Нет', 'Нет', 'Нет', 'Да', 'Не выполнена', 0.5],
  ['2753', 'Нет', 'Нет', 'Нет', 'Нет', 'Нет', 'Да', 'Выполнена', 0.3],
];

describe('contact necessity indicator (показатель необходимости контакта) [003]', () => {
  it.each(TABLE)(
    'client %s: %s %s %s %s %s %s %s → %d',
    (_, renewal, debt, acts, systemUse, updates, hotline, training, expected) => {
      const yes = (v: string) => v === 'Да';
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
    },
  );
});
