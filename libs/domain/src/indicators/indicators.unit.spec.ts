import type { WeeklyFacts } from './weekly-facts';
import { parseRiskBands, riskLevelOf, worstLevel } from './risk-levels';
import { deviationFactsOf, deviationsOf } from './deviations';
import { loyaltyIndex, loyaltySegmentOf } from './loyalty-segment';
import { lastTwoWorksFailed, triggersOf } from './triggers';
import { activityFalling, reactionHours, servicesUnused } from './deterioration';

const week = (weekStart: string, extra: Partial<WeeklyFacts> = {}): WeeklyFacts => ({
  weekStart,
  logins: 3,
  portalRequests: 0,
  hotlineRequests: 0,
  trainedShare: 0.5,
  webinars: 0,
  newsletterClicks: 0,
  videoClicks: 0,
  updatesInstalled: true,
  renewalPeriodStarted: false,
  unreturnedActs: 0,
  competitor: 'no',
  ...extra,
});

describe('risk bands of [002]', () => {
  it('0.34 and above is high, 0.30 up to 0.34 dynamic, below none', () => {
    expect([0.2, 0.25, 0.29, 0.3, 0.33, 0.34, 0.35, 0.55].map((v) => riskLevelOf(v))).toEqual([
      'none',
      'none',
      'none',
      'dynamic',
      'dynamic',
      'high',
      'high',
      'high',
    ]);
    // a sum of weights 0.2 + 0.1 + 0.04 is 0.34000000000000002 or 0.33999…: compared in hundredths
    expect(riskLevelOf(0.2 + 0.1 + 0.04)).toBe('high');
  });
  it('takes configured bands and refuses a bad one', () => {
    expect(riskLevelOf(0.35, parseRiskBands('high=0.4,dynamic=0.35'))).toBe('dynamic');
    expect(() => parseRiskBands('higher=1')).toThrow('unknown band "higher"');
    expect(() => parseRiskBands('high=0.2,dynamic=0.3')).toThrow('dynamic must not be above high');
  });
  it('the worst of the levels', () => {
    expect(worstLevel(['none', 'dynamic', 'none'])).toBe('dynamic');
    expect(worstLevel(['none', 'high', 'dynamic'])).toBe('high');
    expect(worstLevel([])).toBe('none');
  });
});

describe('deviations («Фиксация отклонений») [002]', () => {
  it('training: A needs 80 %, B and C 50 %, and a week older than two years does not count', () => {
    const trained = [week('2026-01-05', { trainedShare: 0.6 })];
    expect(deviationsOf(deviationFactsOf('A', trained, '2026-03-01')).training).toBe('high'); // 60 % < 80 %
    expect(deviationsOf(deviationFactsOf('B', trained, '2026-03-01')).training).toBe('none'); // 60 % ≥ 50 %
    // 2026-01-05 + 730 days: on 2028-01-05 the window [2026-01-06 …] no longer holds the week
    expect(deviationsOf(deviationFactsOf('B', trained, '2028-01-04')).training).toBe('none');
    expect(deviationsOf(deviationFactsOf('B', trained, '2028-01-05')).training).toBe('high');
  });
  it('webinars in six months and ЛК requests in three: none high, one dynamic, more none; the worst is the level', () => {
    const weeks = [
      week('2025-08-25', { webinars: 5, portalRequests: 4 }), // before both windows of 2026-03-01 (from 2025-08-31)
      week('2025-10-06', { webinars: 1 }), // in the 182 days from 2025-08-31
      week('2026-01-05', { portalRequests: 1 }), // in the 91 days from 2025-12-01
    ];
    const facts = deviationFactsOf('C', weeks, '2026-03-01');
    expect(facts).toEqual({ category: 'C', trainedShare: 0.5, webinars: 1, portalRequests: 1 });
    expect(deviationsOf(facts)).toEqual({
      training: 'none',
      webinars: 'dynamic',
      portal: 'dynamic',
      level: 'dynamic',
    });
    expect(deviationsOf({ category: 'B', trainedShare: 0.5, webinars: 2, portalRequests: 3 }).level).toBe(
      'none',
    );
    expect(deviationsOf({ category: 'B', trainedShare: 0.5, webinars: 2, portalRequests: 0 })).toMatchObject({
      portal: 'high',
      level: 'high',
    });
    expect(deviationsOf({ category: 'B', webinars: 2, portalRequests: 2 }).training).toBe('high'); // never observed
  });
});

describe('loyalty segments [000]', () => {
  const service = {
    documentOrders: 0,
    onlineOrders: 0,
    consultingLineRequests: 0,
    selectionOrders: 0,
    trainedUsers: 0,
    onlineDialogRequests: 0,
    personalAccountRegistered: false,
    techSupportRequests: 0,
  };
  it('red neither, blue service only, yellow system only, green both; unknown logins give no segment', () => {
    expect(loyaltySegmentOf(week('2026-03-02', { logins: 0 }))).toBe('red');
    expect(
      loyaltySegmentOf(week('2026-03-02', { logins: 0, serviceActivity: { ...service, onlineOrders: 2 } })),
    ).toBe('blue');
    expect(loyaltySegmentOf(week('2026-03-02', { logins: 0, hotlineRequests: 1 }))).toBe('blue');
    expect(loyaltySegmentOf(week('2026-03-02', { logins: 4, serviceActivity: service }))).toBe('yellow');
    expect(
      loyaltySegmentOf(
        week('2026-03-02', { logins: 4, serviceActivity: { ...service, personalAccountRegistered: true } }),
      ),
    ).toBe('green');
    expect(loyaltySegmentOf(week('2026-03-02', { logins: undefined, portalRequests: 3 }))).toBeNull();
  });
  it('the index is the mean coefficient of the known segments', () => {
    // (0 + 1.5 + 2.5 + 4 + 4) / 5 = 2.4; the unknown week is left out
    expect(loyaltyIndex(['red', 'blue', 'yellow', 'green', 'green', null])).toBe(2.4);
    expect(loyaltyIndex([null, null])).toBeNull();
  });
});

describe('the nine triggers of [001]', () => {
  const asOf = '2026-03-31';
  it('counts each parameter in its window and keeps unknown logins unknown', () => {
    const weeks = [
      week('2025-03-31', { seminarCertificates: 5 }), // 366 days before: outside 365
      week('2025-04-07', { seminarCertificates: 1 }),
      week('2025-12-29', { portalDepartments: ['legal'] }), // 93 days before: outside 90
      week('2026-01-05', { portalDepartments: ['procurement', 'accounting'] }),
      week('2026-02-23', { logins: 7, portalLowestRating: 2 }), // Monday before 2026-03-02: outside 30 days
      week('2026-03-02', { logins: 4, portalLowestRating: 4, departmentsTrainedBelowHalf: 2 }),
      week('2026-03-09', { logins: undefined, portalLowestRating: 3 }),
      week('2026-03-16', { logins: 1, competitor: 'yes', seminarCertificates: 2 }),
    ];
    const works = [
      { endedOn: '2026-03-20', failed: true },
      { endedOn: '2026-02-10', failed: true },
      { endedOn: '2026-01-10', failed: false },
    ];
    expect(triggersOf({ weeks, works, debtOverOneMonth: true, newsletterSubscribers: 2 }, asOf)).toEqual({
      portalDepartments90d: ['accounting', 'procurement'],
      logins30d: 5, // 4 + unknown + 1
      lowestPortalRating30d: 3,
      departmentsTrainedBelowHalf: 2,
      competitor: 'yes', // the latest import (no diagnosis)
      lastTwoWorksFailed60d: true, // 2026-03-20 and 2026-02-10 ≥ 2026-01-31
      debtOverOneMonth: true,
      newsletterSubscribers: 2,
      seminarCertificates365d: 3, // 1 + 2
    });
  });
  it('a diagnosis outweighs the import; no login data is null, not zero', () => {
    const weeks = [week('2026-03-16', { logins: undefined, competitor: 'yes' })];
    const t = triggersOf(
      { weeks, works: [], diagnosedCompetitor: 'no', debtOverOneMonth: false, newsletterSubscribers: 0 },
      asOf,
    );
    expect(t).toMatchObject({
      logins30d: null,
      competitor: 'no',
      lowestPortalRating30d: null,
      lastTwoWorksFailed60d: false,
    });
  });
  it('two failed works only count when both are in the 60 days and both failed', () => {
    expect(
      lastTwoWorksFailed(
        [
          { endedOn: '2026-03-20', failed: true },
          { endedOn: '2026-01-30', failed: true },
        ],
        asOf,
        60,
      ),
    ).toBe(false);
    expect(
      lastTwoWorksFailed(
        [
          { endedOn: '2026-03-20', failed: true },
          { endedOn: '2026-03-01', failed: false },
        ],
        asOf,
        60,
      ),
    ).toBe(false);
    expect(lastTwoWorksFailed([{ endedOn: '2026-03-20', failed: true }], asOf, 60)).toBe(false);
    // a work ended after the day is not yet there
    expect(
      lastTwoWorksFailed(
        [
          { endedOn: '2026-04-02', failed: false },
          { endedOn: '2026-03-20', failed: true },
          { endedOn: '2026-03-10', failed: true },
        ],
        asOf,
        60,
      ),
    ).toBe(true);
  });
});

describe('signs of deterioration [002]', () => {
  it('activity falls when the week is below half the mean of the four known weeks before', () => {
    const base = [
      week('2026-02-02', { logins: 10 }),
      week('2026-02-09', { logins: 6 }),
      week('2026-02-16', { logins: undefined }),
      week('2026-02-23', { logins: 8 }),
      week('2026-03-02', { logins: 8 }),
    ]; // mean of 10, 6, 8, 8 = 8
    expect(activityFalling([...base, week('2026-03-09', { logins: 3 })])).toBe(true); // 3 < 4
    expect(activityFalling([...base, week('2026-03-09', { logins: 4 })])).toBe(false); // 4 is not below 4
    expect(activityFalling([...base, week('2026-03-09', { logins: undefined })])).toBe(false);
    expect(activityFalling(base.slice(0, 3).concat(week('2026-03-09', { logins: 0 })))).toBe(false); // 3 known weeks only
  });
  it('services unused after thirteen weeks without any service or webinar', () => {
    const quiet = Array.from({ length: 13 }, (_, i) =>
      week(`2026-0${1 + Math.floor(i / 5)}-0${1 + (i % 5)}`),
    );
    expect(servicesUnused(quiet)).toBe(true);
    expect(servicesUnused(quiet.slice(1))).toBe(false);
    expect(servicesUnused([...quiet.slice(0, 12), { ...quiet[12]!, webinars: 1 }])).toBe(false);
  });
  it('reaction in hours', () => {
    expect(reactionHours('2026-03-02T07:00:00.000Z', '2026-03-03T10:30:00.000Z')).toBe(27.5);
  });
});
