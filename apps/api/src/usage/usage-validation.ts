import { FieldProblem, InvalidInput } from '../http/errors';
import { isMonday } from '../http/validation';
import { MAX_OBSERVATIONS, PORTAL_DEPARTMENTS, UsageObservationDto } from './usage.dto';

/**
 * The rules of UsageObservationsDto, checked by hand: class-validator takes 2–3 s for a week of
 * 10,000 rows, this a few milliseconds (ADR 0045). The DTO stays the documented shape (OpenAPI);
 * usage-validation.unit.spec.ts checks that both refuse the same fields. Unknown fields are
 * dropped, as the validation pipe's whitelist drops them.
 */
type Check = (value: unknown) => string | null;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const count: Check = (v) => (isInt(v) && v >= 0 ? null : 'must be an integer not less than 0');
const boolean: Check = (v) => (typeof v === 'boolean' ? null : 'must be a boolean value');

const ROW: Record<string, Check> = {
  clientId: (v) =>
    typeof v === 'string' && /^[^\s/?#%]{1,100}$/u.test(v)
      ? null
      : 'must be an id of 1 to 100 characters without spaces or / ? # %',
  weekStart: (v) => (isMonday(v) ? null : 'must be a Monday YYYY-MM-DD'),
  logins: count,
  portalRequests: count,
  portalLowestRating: (v) => (isInt(v) && v >= 1 && v <= 5 ? null : 'must be an integer from 1 to 5'),
  hotlineRequests: count,
  trainedShare: (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1 ? null : 'must be a number from 0 to 1',
  webinars: count,
  newsletterClicks: count,
  videoClicks: count,
  updatesInstalled: boolean,
  renewalPeriodStarted: boolean,
  unreturnedActs: count,
  competitor: (v) =>
    v === 'yes' || v === 'no' || v === 'unknown' ? null : 'must be one of yes, no, unknown',
  portalDepartments: (v) =>
    Array.isArray(v) &&
    v.length <= PORTAL_DEPARTMENTS.length &&
    new Set(v).size === v.length &&
    v.every((d) => (PORTAL_DEPARTMENTS as readonly unknown[]).includes(d))
      ? null
      : `must be distinct values of ${PORTAL_DEPARTMENTS.join(', ')}`,
  departmentsTrainedBelowHalf: count,
  seminarCertificates: count,
};
const REQUIRED = new Set(['clientId', 'weekStart']);

const ACTIVITY: Record<string, Check> = {
  documentOrders: count,
  onlineOrders: count,
  consultingLineRequests: count,
  selectionOrders: count,
  trainedUsers: count,
  onlineDialogRequests: count,
  personalAccountRegistered: boolean,
  techSupportRequests: count,
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The known fields of `value` that pass their checks; the problems of the others. */
function checked(
  value: Record<string, unknown>,
  checks: Record<string, Check>,
  prefix: string,
  problems: FieldProblem[],
  required: Set<string> = new Set(),
): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [field, check] of Object.entries(checks)) {
    const v = value[field];
    if (v === undefined || v === null) {
      if (required.has(field))
        problems.push({ field: `${prefix}.${field}`, message: `${field} is required` });
      continue;
    }
    const problem = check(v);
    if (problem) problems.push({ field: `${prefix}.${field}`, message: `${field} ${problem}` });
    else kept[field] = v;
  }
  return kept;
}

/** `{ observations }` as the import takes it, or 400 naming every bad field. */
export function validateObservations(body: unknown): UsageObservationDto[] {
  const rows = isObject(body) ? body.observations : undefined;
  if (!Array.isArray(rows) || rows.length < 1 || rows.length > MAX_OBSERVATIONS)
    throw new InvalidInput([
      {
        field: 'observations',
        message: `observations must be an array of 1 to ${MAX_OBSERVATIONS} observations`,
      },
    ]);
  const problems: FieldProblem[] = [];
  const observations = rows.map((row, i) => {
    const prefix = `observations.${i}`;
    if (!isObject(row)) {
      problems.push({ field: prefix, message: 'an observation must be an object' });
      return {};
    }
    const kept = checked(row, ROW, prefix, problems, REQUIRED);
    const activity = row.serviceActivity;
    if (activity !== undefined && activity !== null) {
      if (!isObject(activity))
        problems.push({ field: `${prefix}.serviceActivity`, message: 'serviceActivity must be an object' });
      else kept.serviceActivity = checked(activity, ACTIVITY, `${prefix}.serviceActivity`, problems);
    }
    return kept;
  });
  // a broken import stops here, whole: the first hundred problems are enough to mend the file
  if (problems.length > 0) throw new InvalidInput(problems.slice(0, 100));
  return observations as unknown as UsageObservationDto[];
}
