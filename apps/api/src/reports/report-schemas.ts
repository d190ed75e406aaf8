import type { Schema } from '../http/openapi-responses';
import {
  anyObject,
  bool,
  date,
  instant,
  int,
  items,
  list,
  nullable,
  num,
  obj,
  oneOfValues,
  str,
} from '../http/openapi-schemas';

/**
 * The JSON bodies of the reports for the OpenAPI document (API.md "Reports": the fields named there
 * are the minimum; a report may answer more). With `?format=csv` each answers text/csv instead.
 */

const level = oneOfValues(['high', 'dynamic', 'none']);
const period = { from: date(), to: date() };

const funnel = {
  dials: int('attempts'),
  connected: int('outcomes connected and connected_with_login'),
  over4min: int('connected with durationSec > 240'),
  avgOver4minSec: nullable(num()),
  avg1to4minSec: nullable(num()),
};
const funnelShares = { connectedShare: nullable(num()), over4minShareOfDials: nullable(num()) };

export const CALL_FUNNEL: Schema = obj(
  { ...funnel, byEmployee: list(obj({ employeeId: str(), ...funnel }, funnelShares)) },
  { ...period, longCallSec: int(), ...funnelShares, over4minShareOfConnected: nullable(num()) },
);

export const CONTACT_NECESSITY: Schema = items(
  obj(
    {
      clientId: str(),
      kppId: str(),
      indicator: num(),
      level,
      signs: obj({
        renewalPeriod: bool(),
        debt: bool(),
        unreturnedActs: bool(),
        noSystemUse: bool(),
        noUpdates: bool(),
        hotlinePortalUnused: bool(),
        trainingNotMet: bool(),
      }),
    },
    {},
    'highest indicator first',
  ),
  { date: date() },
);

export const DEVIATIONS: Schema = items(
  obj({ clientId: str(), training: level, webinars: level, portal: level, level }),
  { date: date() },
);

const segment = nullable(oneOfValues(['red', 'blue', 'yellow', 'green']));
export const SEGMENT_DYNAMICS: Schema = obj(
  {
    weeks: list(date('a Monday')),
    clients: list(obj({ clientId: str(), kppId: str(), segments: list(segment, 'one per week') })),
    index: list(obj({ employeeId: str(), values: list(nullable(num()), 'one per week') })),
  },
  { ...period, groupIndex: list(nullable(num()), 'the whole РИЦ, one per week') },
);

export const TRIGGERS: Schema = items(
  obj({
    clientId: str(),
    portalDepartments90d: list(str()),
    logins30d: nullable(num()),
    lowestPortalRating30d: nullable(num()),
    departmentsTrainedBelowHalf: nullable(num()),
    competitor: str(),
    lastTwoWorksFailed60d: bool(),
    debtOverOneMonth: bool(),
    newsletterSubscribers: int(),
    seminarCertificates365d: nullable(num()),
  }),
  { date: date() },
);

const reasonLine = {
  contacts: int(),
  instrumentsPlanned: int(),
  instrumentsUsed: int(),
  deviation: int('planned − used'),
};
export const CONTACT_REASONS: Schema = obj(
  { items: list(obj({ closingReason: str(), ...reasonLine }, { clients: int() })) },
  { ...period, total: obj(reasonLine, { clients: int() }) },
);

export const SERVICE_ACTIVITY: Schema = obj(
  {
    items: list(
      {
        ...obj({ employeeId: str(), clients: int() }),
        additionalProperties: { type: 'number' },
        description: 'one field per serviceActivity count (documentOrders, onlineOrders, …)',
      },
      'one per employee',
    ),
  },
  { ...period, total: anyObject() },
);

export const COLLECTION: Schema = items(
  obj(
    {
      month: str('YYYY-MM'),
      promisedAmount: num(),
      promisedCount: int(),
      keptCount: int(),
      brokenCount: int(),
      receivedOnTimeAmount: num(),
    },
    { completeness: nullable(num()) },
  ),
  period,
);

export const WORKLOAD: Schema = items(
  obj({
    employeeId: str(),
    role: oneOfValues(['KPP', 'PM']),
    clients: int(),
    servicePoints: int(),
    norm: { description: 'a КПП: 120 service points; a ПМ: 144–192 clients' },
    load: nullable(num()),
  }),
  { date: date() },
);

const marketSegment = oneOfValues(['small_medium', 'large']);
export const COMPETITORS: Schema = obj(
  {
    items: list(
      obj({
        clientId: str(),
        segment: marketSegment,
        lastDiagnosedOn: nullable(date()),
        nextDueOn: nullable(date()),
        competitor: oneOfValues(['yes', 'no', 'unknown']),
        systems: list(str()),
      }),
    ),
    totals: list(obj({ segment: marketSegment, clients: int(), withCompetitor: int() })),
  },
  { date: date() },
);

export const DETERIORATION: Schema = items(
  obj(
    {
      clientId: str(),
      sign: oneOfValues([
        'solvency_falling',
        'no_key_contact',
        'activity_falling',
        'services_unused',
        'key_person_changed',
        'reorganisation',
      ]),
      firstSeenAt: instant(),
    },
    { firstActionAt: nullable(instant()), reactionHours: nullable(num()) },
  ),
  period,
);

export const RECEIVABLES: Schema = obj(
  {
    rows: list(
      obj({
        clientId: str(),
        name: str(),
        responsibleRole: oneOfValues(['KPP', 'PM']),
        responsibleId: str(),
        monthlyFee: num(),
        unpaid: num(),
        debtMonths: num(),
        promiseStatus: str('none when the client never promised'),
        promisedOn: str('YYYY-MM-DD, empty without a promise'),
        brokenPromisesInRow: int(),
        onTimeMonthsInRow: int(),
        openThreats: str('the open threats’ types, space-separated'),
        promisedInPeriod: num(),
        paidInTimeInPeriod: num(),
      }),
    ),
  },
  { from: nullable(date()), to: nullable(date()) },
);
