import type { ClientEvent } from '../client/events';
import { decide } from '../client/decide';
import { foldClient } from '../client/evolve';
import { contactNecessity, necessitySigns } from '../indicators/contact-necessity';
import { diagnosticFailures } from '../indicators/diagnostic-week';
import { registered, specification } from '@ledger/domain/testing';
import type { UsageObservation } from './events';

/** A full week of facts of [000]/[001], every field given. */
const week = (extra: Partial<UsageObservation> = {}): UsageObservation => ({
  weekStart: '2026-03-02',
  logins: 4,
  portalRequests: 1,
  hotlineRequests: 0,
  trainedShare: 0.6,
  webinars: 0,
  newsletterClicks: 1,
  videoClicks: 1,
  updatesInstalled: true,
  renewalPeriodStarted: false,
  unreturnedActs: 0,
  competitor: 'no',
  portalDepartments: ['accounting', 'legal'],
  departmentsTrainedBelowHalf: 1,
  seminarCertificates: 2,
  serviceActivity: {
    documentOrders: 1,
    onlineOrders: 0,
    consultingLineRequests: 3,
    selectionOrders: 0,
    trainedUsers: 2,
    onlineDialogRequests: 0,
    personalAccountRegistered: true,
    techSupportRequests: 0,
  },
  ...extra,
});

const observed = (data: UsageObservation): ClientEvent => ({ type: 'UsageObserved', data });
const given = specification(decide);

describe('RecordUsage: one observation per client and week', () => {
  it('records a week with the facts of [000]', () => {
    given(registered())
      .when({ type: 'RecordUsage', observation: week() })
      .then([{ type: 'UsageObserved', data: week() }]);
  });

  it('records nothing for the same week sent again, nested facts included (a repeated import)', () => {
    // the stored event comes back from JSON: new arrays and objects, keys in another order
    const stored = JSON.parse(JSON.stringify(week())) as UsageObservation;
    given(registered(), observed(stored)).when({ type: 'RecordUsage', observation: week() }).then([]);
  });

  it('records a correction of a nested fact of the same week', () => {
    const corrected = week({ serviceActivity: { ...week().serviceActivity!, onlineOrders: 2 } });
    given(registered(), observed(week()))
      .when({ type: 'RecordUsage', observation: corrected })
      .then([{ type: 'UsageObserved', data: corrected }]);
    const fewerDepartments = week({ portalDepartments: ['accounting'] });
    given(registered(), observed(week()))
      .when({ type: 'RecordUsage', observation: fewerDepartments })
      .then([{ type: 'UsageObserved', data: fewerDepartments }]);
  });

  it('refuses a week for a client that is not registered (an import row naming an unknown client)', () => {
    given().when({ type: 'RecordUsage', observation: week() }).thenRefused('client_not_found', 'not_found');
  });
});

describe('unknown logins are unknown, not zero [000]', () => {
  const stateWith = (observation: UsageObservation) =>
    foldClient(
      [registered({ category: 'B' }), observed(observation)].map((e, i) => ({
        ...e,
        metadata: { occurredAt: '2026-03-09T09:00:00Z', eventId: `h${i}` },
      })),
    );
  const { logins: _absent, ...withoutLogins } = week();

  it('no system-use sign and no "no logins last week" criterion when logins are not known', () => {
    const state = stateWith(withoutLogins);
    expect(necessitySigns(state)?.noSystemUse).toBe(false);
    expect(diagnosticFailures(state)).not.toContain('no_logins_last_week');
    // base 0.2 only: updates installed, portal used, training 0.6 ≥ the B norm of 0.5
    expect(contactNecessity(state)).toBe(0.2);
  });

  it('zero logins known: both the sign and the criterion', () => {
    const state = stateWith(week({ logins: 0 }));
    expect(necessitySigns(state)?.noSystemUse).toBe(true);
    expect(diagnosticFailures(state)).toContain('no_logins_last_week');
  });
});
