import type { Schema } from './openapi-responses';

/**
 * Small builders for the response schemas of the OpenAPI document. Objects list the fields API.md
 * promises as required; more may come (API.md: "more may be added"), so they stay open.
 */
export const str = (description?: string): Schema => ({
  type: 'string',
  ...(description ? { description } : {}),
});
export const date = (description = 'YYYY-MM-DD'): Schema => ({ type: 'string', format: 'date', description });
export const instant = (description?: string): Schema => ({
  type: 'string',
  format: 'date-time',
  ...(description ? { description } : {}),
});
export const num = (description?: string): Schema => ({
  type: 'number',
  ...(description ? { description } : {}),
});
export const int = (description?: string): Schema => ({
  type: 'integer',
  ...(description ? { description } : {}),
});
export const bool = (description?: string): Schema => ({
  type: 'boolean',
  ...(description ? { description } : {}),
});
export const oneOfValues = (values: readonly string[], description?: string): Schema => ({
  type: 'string',
  enum: [...values],
  ...(description ? { description } : {}),
});
export const nullable = (schema: Schema): Schema => ({ ...schema, nullable: true });
export const list = (items: Schema, description?: string): Schema => ({
  type: 'array',
  items,
  ...(description ? { description } : {}),
});
/** An object: `required` are the fields it always answers, `optional` the ones it may leave out. */
export const obj = (
  required: Record<string, Schema>,
  optional: Record<string, Schema> = {},
  description?: string,
): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  ...(Object.keys(required).length ? { required: Object.keys(required) } : {}),
  properties: { ...required, ...optional },
});
export const anyObject = (description?: string): Schema => ({
  type: 'object',
  additionalProperties: true,
  ...(description ? { description } : {}),
});
/** `{ items: [...] }` and the fields beside it. */
export const items = (item: Schema, beside: Record<string, Schema> = {}): Schema =>
  obj({ ...beside, items: list(item) });

/** The 404 of a read about one client. */
export const UNKNOWN_CLIENT =
  'no such client in the caller’s РИЦ (another РИЦ’s client is answered the same)';

const responsible = obj({ role: oneOfValues(['KPP', 'PM']), employeeId: str() });
const contactPerson = obj(
  { contactPersonId: str(), name: str(), roles: list(str()), phones: list(str()), emails: list(str()) },
  { position: str(), interests: list(str()), erased: bool('the person’s data was erased (152-ФЗ)') },
);
const openContact = obj(
  {
    contactId: str(),
    kind: oneOfValues(['planned', 'unplanned']),
    reason: str(),
    plannedAt: instant(),
    attempts: int(),
  },
  { callbackAt: instant(), lastOutcome: str(), servicePointId: str(), assignee: responsible },
);
const necessitySigns = obj({
  renewalPeriod: bool(),
  debt: bool(),
  unreturnedActs: bool(),
  noSystemUse: bool(),
  noUpdates: bool(),
  hotlinePortalUnused: bool(),
  trainingNotMet: bool(),
});

/** GET /clients/{clientId} (API.md "Queries"). */
export const CLIENT_CARD: Schema = obj(
  {
    clientId: str(),
    ric: str(),
    name: str(),
    lifecycle: str('candidate, transferring, active, escalated, left, returned_to_field_service'),
    responsible,
    debtMonths: num(),
    brokenPromisesInRow: int(),
    onTimeMonthsInRow: int(),
    openPromise: nullable(
      obj({ promiseId: str(), promisedOn: date(), remind: bool() }, { remindOn: date(), target: num() }),
    ),
    openThreats: list(obj({ threatId: str(), type: str('the handover reason') })),
    contactPersons: list(contactPerson),
    servicePoints: list(obj({ servicePointId: str(), contactCadence: str() })),
    openContacts: list(openContact),
    contactNecessity: obj({ indicator: num(), signs: necessitySigns }),
  },
  { unpaid: num('roubles'), latestUsageWeek: nullable(anyObject()) },
);

/** Each workflow's state as its machine sees it, with open deadlines, contacts and callbacks (SPEC §6). */
const servedOrOff = oneOfValues(['served', 'off']);
const WORKFLOWS: Schema = obj(
  {
    lifecycle: obj({ state: str('the machine’s state, nested ones as parent.child'), lifecycle: str() }),
    responsibility: obj({ state: oneOfValues(['kpp', 'pm']), responsible }),
    promises: list(
      obj(
        {
          promiseId: str(),
          promisedOn: date(),
          state: str('the promise machine’s state'),
          target: num('roubles'),
          paidInTime: num('roubles'),
        },
        { reminderAt: instant(), followUpDueBy: instant() },
      ),
    ),
    engagement: obj({ state: servedOrOff }, { lastEngagementMonth: str('YYYY-MM'), overdueSince: str() }),
    contactCadence: obj({ state: servedOrOff }),
    pmWork: obj(
      { state: servedOrOff },
      {
        decisionMakerContact: obj({
          month: str('YYYY-MM'),
          step: oneOfValues(['email', 'call']),
          since: str(),
        }),
        competitorDiagnosticsDue: obj({ halfYear: str('YYYY-H1 or YYYY-H2'), since: str() }),
      },
    ),
    deadlines: list(obj({ deadlineId: str(), kind: str(), dueAt: instant() }, { promiseId: str() })),
    openContacts: list(openContact),
    callbacks: list(obj({ contactId: str(), callbackAt: instant() }, { assignee: responsible })),
  },
  {},
  'each machine’s state, open deadlines, open contacts and callbacks',
);

/** GET /clients/{clientId}/state: the card as of `at`, and each workflow's state. */
export const CLIENT_STATE: Schema = {
  allOf: [CLIENT_CARD, obj({ workflows: WORKFLOWS })],
};

export const CLIENT_LIST: Schema = obj({
  items: list(
    obj(
      {
        clientId: str(),
        name: str(),
        kppId: str(),
        pmId: str(),
        responsible,
        lifecycle: str(),
        debtMonths: num(),
      },
      { inn: nullable(str()), category: str(), contactNecessity: num() },
    ),
  ),
  nextCursor: nullable(str('null on the last page')),
});

export const HANDOVER_SHEET: Schema = obj(
  {
    clientId: str(),
    threatId: str(),
    reason: str(
      'payment_date_refused, promise_beyond_limit, broken_promises_twice, debt_limit_reached, manual',
    ),
    handedOverAt: instant(),
    fromKppId: str(),
    toPmId: str(),
    threatOpen: bool('false once the ПМ has returned the client'),
    debtMonths: num(),
    unpaid: num(),
    monthlyFee: num(),
    brokenPromisesInRow: int(),
    invoices: list(obj({ invoiceId: str(), amount: num(), issuedOn: date() }), 'issued before the handover'),
    payments: list(obj({ paymentId: str(), amount: num(), paidOn: date() }), 'received before the handover'),
    promises: list(
      obj(
        {
          promiseId: str(),
          promisedOn: date(),
          target: num(),
          status: oneOfValues(['open', 'kept', 'broken', 'corrected']),
        },
        { amount: num() },
      ),
    ),
    contactPersons: list(contactPerson),
  },
  { kppComment: nullable(str()) },
);

const eventMetadata = obj(
  { occurredAt: instant(), recordedAt: instant(), actor: obj({ id: str(), role: str() }) },
  { rule: str(), evidence: list(str('ids of the events the rule took as evidence')) },
);

export const HISTORY: Schema = obj({
  events: list(
    obj({ position: str(), streamVersion: int(), type: str(), data: anyObject(), metadata: eventMetadata }),
  ),
});

export const DECISIONS: Schema = items(
  obj({
    position: str(),
    type: str(),
    rule: str(),
    explanation: str('in Russian'),
    evidence: list(obj({ position: str(), type: str(), occurredAt: instant() })),
  }),
);

const workItem = obj(
  { clientId: str(), clientName: str(), itemId: str(), kind: str(), dueAt: instant() },
  {
    reason: str(),
    contactId: str('use it as it is in /clients/{clientId}/contacts/{contactId}/…'),
    contactNecessity: num(),
    attempts: int(),
    person: obj({ contactPersonId: str(), name: str(), phone: nullable(str()) }),
    threatId: str(),
    handoverSheet: str('the path of the threat’s handover sheet'),
    criteria: list(str()),
  },
);

export const KPP_PLANNER: Schema = items(workItem, {
  employeeId: str(),
  date: date(),
  weekKind: str('full or diagnostic'),
});
export const PM_QUEUE: Schema = items(workItem, { employeeId: str() });

export const CHECKLISTS: Schema = obj({
  sheets: list(obj({ sheet: str(), title: str(), items: list(obj({ code: str(), text: str() })) })),
});

export const REVIEWS: Schema = items(
  obj(
    {
      reviewId: str(),
      clientId: str(),
      contactId: str(),
      employeeId: str(),
      connectedAt: instant(),
      sheet: str(),
      scores: { type: 'object', additionalProperties: { type: 'integer' } },
      score: num(),
      reviewerId: str(),
      reviewedAt: instant(),
    },
    { comment: str() },
  ),
);

export const AUDIT_SAMPLE: Schema = items(
  obj({ clientId: str(), contactId: str(), employeeId: str(), occurredAt: instant() }),
  { from: date(), to: date(), seed: str(), target: num(), connectedCalls: int(), share: num() },
);

export const CALL_REVIEWS: Schema = obj({
  from: date(),
  to: date(),
  employees: list(anyObject('per КПП: reviews, mean score, mean per checklist item, weakest items')),
  auditors: list(
    obj(
      { reviewerId: str(), reviews: int(), servicePoints: int(), workingDays: int() },
      { servicePointsPerDay: num(), normPerDay: num(), loadPercent: num() },
    ),
    'each auditor against the norm of 300 service points a day (empty for a КПП or ПМ)',
  ),
});

export const ONLY_ADMIN = 'only ADMIN';

export const PARKED_AT: Schema = obj({ position: str(), streamId: str(), eventId: str(), type: str() });

/** GET /admin/projections (ProjectionRunner.statuses). */
export const PROJECTIONS: Schema = obj({
  projections: list(
    obj(
      {
        name: str(),
        position: nullable(str()),
        status: oneOfValues(['running', 'failed', 'parked', 'outdated', 'rebuilding']),
        lastError: nullable(str()),
        version: int(),
        parkedAt: nullable(PARKED_AT),
      },
      { cursor: nullable(str('the event store’s own read cursor')) },
    ),
  ),
});
