import 'reflect-metadata';
import { InvalidInput } from '../http/errors';
import { validationPipe } from '../http/validation';
import { UsageObservationsDto } from './usage.dto';
import { validateObservations } from './usage-validation';

/** The fields each validator refuses (none: it passed), to compare the hand-written one with the DTO. */
const byDto = async (body: unknown): Promise<string[]> => {
  try {
    await validationPipe().transform(body, { type: 'body', metatype: UsageObservationsDto });
    return [];
  } catch (error) {
    return fieldsOf(error);
  }
};
const byHand = (body: unknown): string[] => {
  try {
    validateObservations(body);
    return [];
  } catch (error) {
    return fieldsOf(error);
  }
};
const fieldsOf = (error: unknown): string[] => {
  if (!(error instanceof InvalidInput)) throw error;
  const details = (error.getResponse() as { details: Array<{ field: string }> }).details;
  return [...new Set(details.map((d) => d.field))].sort();
};

const good = { clientId: 'c-1', weekStart: '2026-03-02' };
const SAMPLES: Array<[string, unknown]> = [
  ['the least', { observations: [good] }],
  [
    'every field',
    {
      observations: [
        {
          ...good,
          logins: 0,
          portalRequests: 2,
          portalLowestRating: 5,
          hotlineRequests: 1,
          trainedShare: 1,
          webinars: 0,
          newsletterClicks: 3,
          videoClicks: 0,
          updatesInstalled: false,
          renewalPeriodStarted: true,
          unreturnedActs: 2,
          competitor: 'unknown',
          portalDepartments: ['procurement', 'legal', 'accounting'],
          departmentsTrainedBelowHalf: 0,
          seminarCertificates: 4,
          serviceActivity: {
            documentOrders: 0,
            onlineOrders: 1,
            consultingLineRequests: 2,
            selectionOrders: 3,
            trainedUsers: 4,
            onlineDialogRequests: 5,
            personalAccountRegistered: false,
            techSupportRequests: 6,
          },
        },
      ],
    },
  ],
  ['nulls are absent', { observations: [{ ...good, logins: null, serviceActivity: null }] }],
  ['no observations', {}],
  ['empty', { observations: [] }],
  ['not an array', { observations: 'x' }],
  ['missing ids', { observations: [{}] }],
  ['bad id and date', { observations: [{ clientId: 'a b', weekStart: '2026-02-30' }] }],
  ['a week that does not start on a Monday', { observations: [{ ...good, weekStart: '2026-03-04' }] }],
  [
    'negative and fractional counts',
    { observations: [{ ...good, logins: -1, webinars: 1.5, unreturnedActs: '2' }] },
  ],
  [
    'rating and share out of range',
    { observations: [{ ...good, portalLowestRating: 0, trainedShare: 1.2 }] },
  ],
  [
    'strings for booleans',
    { observations: [{ ...good, updatesInstalled: 'true', renewalPeriodStarted: 1 }] },
  ],
  ['unknown competitor', { observations: [{ ...good, competitor: 'maybe' }] }],
  [
    'departments: unknown, repeated, not a list',
    {
      observations: [
        { ...good, portalDepartments: ['hr'] },
        { ...good, portalDepartments: ['legal', 'legal'] },
        { ...good, portalDepartments: 'legal' },
      ],
    },
  ],
  [
    'service activity: bad counts',
    {
      observations: [{ ...good, serviceActivity: { documentOrders: -1, personalAccountRegistered: 'yes' } }],
    },
  ],
  [
    'a second row bad',
    { observations: [good, { ...good, seminarCertificates: -2, departmentsTrainedBelowHalf: 0.5 }] },
  ],
];

describe('the import’s validation agrees with the documented DTO', () => {
  it.each(SAMPLES)('%s', async (_name, body) => {
    expect(byHand(body)).toEqual(await byDto(body));
  });

  it('drops unknown fields as the whitelist does', () => {
    const [row] = validateObservations({
      observations: [{ ...good, extra: 1, serviceActivity: { documentOrders: 1, other: 2 } }],
    });
    expect(row).toEqual({ ...good, serviceActivity: { documentOrders: 1 } });
  });
});

describe('a week of usage starts on a Monday (API.md)', () => {
  it('refuses another day naming the field', () => {
    expect(byHand({ observations: [{ ...good, weekStart: '2026-03-04' }] })).toEqual([
      'observations.0.weekStart',
    ]);
    expect(byHand({ observations: [{ ...good, weekStart: '2026-03-02' }] })).toEqual([]);
  });
});
