import type { NecessitySigns } from '@ledger/domain';
import { necessityText } from './client-report-events';

const NAMES: Array<keyof NecessitySigns> = [
  'renewalPeriodStarted',
  'debt',
  'unreturnedActs',
  'noSystemUse',
  'noUpdates',
  'hotlineAndPortalNotUsed',
  'trainingNormNotMet',
];

/** The memory keeps this text to tell a changed necessity: a stored one must still compare equal. */
describe('necessityText: the text JSON.stringify([indicator, signs]) gives, built by hand', () => {
  it('for every combination of the seven signs and the indicators they weigh to', () => {
    for (let bits = 0; bits < 2 ** NAMES.length; bits++) {
      const signs = Object.fromEntries(
        NAMES.map((name, i) => [name, (bits & (2 ** i)) !== 0]),
      ) as unknown as NecessitySigns;
      for (const indicator of [0.2, 0.35, 1, 0.95, 1.15, 0])
        expect(necessityText(indicator, signs)).toBe(JSON.stringify([indicator, signs]));
    }
    // worked example: base 0.2 + debt 0.1 + no updates 0.1 = 0.4
    const some = { ...Object.fromEntries(NAMES.map((n) => [n, false])), debt: true, noUpdates: true };
    expect(necessityText(0.4, some as unknown as NecessitySigns)).toBe(
      '[0.4,{"renewalPeriodStarted":false,"debt":true,"unreturnedActs":false,"noSystemUse":false,"noUpdates":true,"hotlineAndPortalNotUsed":false,"trainingNormNotMet":false}]',
    );
  });

  it('falls back to the library for what it does not build by hand', () => {
    const odd = { debt: 'yes' } as unknown as NecessitySigns;
    expect(necessityText(0.3, odd)).toBe('[0.3,{"debt":"yes"}]');
    expect(necessityText(Number.NaN, { debt: true } as unknown as NecessitySigns)).toBe(
      '[null,{"debt":true}]',
    );
  });
});
