import {
  CommandContext,
  DeadlineKind,
  DecidedEvent,
  RegisteredClient,
  addDays,
  assertNever,
  diagnosticFailures,
  isServed,
  ruleSettings,
  touchesFullWeek,
  type RuleCode,
} from '@ledger/domain';
import { ActionEvents, Step, eventsOf } from '../shared/actions';
import { transitionActions } from '../shared/transition';
import { CadenceActionType, CadenceMachineEvent, cadenceMachine } from './machine';
import {
  MAIN,
  cadenceOf,
  missedId,
  parsePeriodId,
  periodBoundaryId,
  periodEnd,
  periodStartId,
  plannedId,
} from './periods';

export { periodEnd } from './periods';

const RULE: RuleCode = 'contacts.cadence';

const startDeadline = (
  servicePoint: string,
  start: string,
  context: CommandContext,
  evidence: string[],
): DecidedEvent => ({
  type: 'DeadlineSet',
  eventId: context.newEventId(),
  data: {
    deadlineId: periodStartId(servicePoint, start),
    kind: 'contact_period_start',
    dueAt: context.time.startOfDay(start).toISOString(),
  },
  rule: RULE,
  evidence,
});

/** The first period of each service point, from the day the client becomes active. */
export function startCadence(
  date: string,
  client: RegisteredClient,
  context: CommandContext,
  evidence: string[],
): DecidedEvent[] {
  return [MAIN, ...Object.keys(client.servicePoints)].map((servicePoint) =>
    startDeadline(servicePoint, date, context, evidence),
  );
}

interface Input extends Step {
  servicePoint: string;
  start: string;
  end: string;
}

const assignee = (client: RegisteredClient) => ({ role: 'KPP' as const, employeeId: client.kppId });
const atPoint = (servicePoint: string) => (servicePoint === MAIN ? {} : { servicePointId: servicePoint });
const dueAtOf = (event: DecidedEvent) =>
  event.type === 'DeadlineFired' ? event.data.dueAt : event.occurredAt;
const fired = (input: Input) => ({
  occurredAt: dueAtOf(input.event),
  rule: RULE,
  evidence: [input.event.eventId],
});

/** On the period's first working day, at 9:00 in the РИЦ's zone. */
function plannedAt({ start, end, context }: Input): string {
  let day = start;
  while (day < end && context.time.workingDayOnOrBefore(day) !== day) day = addDays(day, 1);
  return new Date(context.time.startOfDay(day).getTime() + 9 * 3_600_000).toISOString();
}

const ACTION_EVENTS: ActionEvents<CadenceActionType, Input> = {
  planContact: (input) => [
    {
      type: 'ContactPlanned',
      eventId: input.context.newEventId(),
      ...fired(input),
      data: {
        contactId: plannedId(input.servicePoint, input.start),
        kind: 'planned',
        reason: 'info_occasion',
        plannedAt: plannedAt(input),
        ...atPoint(input.servicePoint),
        assignee: assignee(input.client),
      },
    },
  ],
  // one timer where the period ends and the next begins: endOfDay(end) is startOfDay(end + 1)
  setBoundary: ({ servicePoint, start, end, event, context }) => [
    {
      type: 'DeadlineSet',
      eventId: context.newEventId(),
      data: {
        deadlineId: periodBoundaryId(servicePoint, start),
        kind: 'contact_period_boundary',
        dueAt: context.time.endOfDay(end).toISOString(),
      },
      rule: RULE,
      evidence: [event.eventId],
    },
  ],
  emitMissed: (input) => [
    {
      type: 'ContactMissed',
      eventId: input.context.newEventId(),
      ...fired(input),
      data: { contactId: plannedId(input.servicePoint, input.start), periodEnd: input.end },
    },
  ],
  planUnplanned: (input) => [
    {
      type: 'ContactPlanned',
      eventId: input.context.newEventId(),
      ...fired(input),
      data: {
        contactId: missedId(input.servicePoint, input.start),
        kind: 'unplanned',
        reason: 'no_planned_contact',
        plannedAt: dueAtOf(input.event)!,
        ...atPoint(input.servicePoint),
        assignee: assignee(input.client),
      },
    },
  ],
  emitNotOwed: (input) => [
    {
      type: 'ContactNotOwed',
      eventId: input.context.newEventId(),
      ...fired(input),
      rule: 'contacts.diagnostic_week_not_owed',
      data: {
        contactId: plannedId(input.servicePoint, input.start),
        periodEnd: input.end,
        reason: 'diagnostic_week',
      },
    },
  ],
  startServicePoint: ({ servicePoint, context, event }) => [
    startDeadline(servicePoint, context.time.dateOf(context.now), context, [event.eventId]),
  ],
};

/**
 * A planned contact is owed unless the planner never showed it: every day from its planned day to
 * its period's end fell in diagnostic weeks, and the client fails no criterion of [003] (ADR 0008).
 */
function owed(client: RegisteredClient, contactId: string, end: string, context: CommandContext): boolean {
  const contact = client.openContacts[contactId];
  if (!contact) return false;
  const from = context.time.dateOf(new Date(contact.plannedAt));
  const { firstFullWeek } = ruleSettings(context.settings);
  return touchesFullWeek(from, end, firstFullWeek) || diagnosticFailures(client).length > 0;
}

/** The timers of the cadence; `contact_period_end` only in streams written before ADR 0095. */
type CadenceDeadlineKind = Extract<
  DeadlineKind,
  'contact_period_start' | 'contact_period_boundary' | 'contact_period_end'
>;
const isCadenceKind = (kind: DeadlineKind): kind is CadenceDeadlineKind =>
  kind === 'contact_period_start' || kind === 'contact_period_boundary' || kind === 'contact_period_end';

/** The events of the machine's answer to `signal`, in the state the client is in. */
const answer = (signal: CadenceMachineEvent, input: Input): DecidedEvent[] =>
  eventsOf(
    transitionActions(cadenceMachine, isServed(input.client) ? 'served' : 'off', {}, signal),
    ACTION_EVENTS,
    input,
  );

/** The period that starts on `start` begins: its contact is planned and its boundary set (if served). */
function started(step: Step, servicePoint: string, start: string): DecidedEvent[] {
  const end = periodEnd(start, cadenceOf(step.client, servicePoint));
  return answer({ type: 'PERIOD_STARTED' }, { ...step, servicePoint, start, end });
}

/** The period that started on `start` is over: its contact, if still open, is missed or not owed. */
function ended(step: Step, servicePoint: string, start: string): DecidedEvent[] {
  const { client, context } = step;
  // its end as the cadence has it now (as when the end was its own timer, before ADR 0095)
  const end = periodEnd(start, cadenceOf(client, servicePoint));
  const contactId = plannedId(servicePoint, start);
  const signal: CadenceMachineEvent = {
    type: 'PERIOD_ENDED',
    contactOpen: !!client.openContacts[contactId],
    owed: owed(client, contactId, end, context),
  };
  return answer(signal, { ...step, servicePoint, start, end });
}

/** What a cadence deadline (or a service point added to a served client) makes happen. */
export function cadenceConsequences(step: Step): DecidedEvent[] {
  const { event } = step;
  if (event.type === 'ServicePointAdded') {
    const input: Input = { ...step, servicePoint: event.data.servicePointId, start: '', end: '' };
    return answer({ type: 'SERVICE_POINT_ADDED' }, input);
  }
  if (event.type !== 'DeadlineFired' || !isCadenceKind(event.data.kind)) return [];
  const id = parsePeriodId(event.data.deadlineId);
  if (!id) return [];
  const kind: CadenceDeadlineKind = event.data.kind;
  switch (kind) {
    case 'contact_period_start':
      return started(step, id.servicePoint, id.start);
    case 'contact_period_end':
      return ended(step, id.servicePoint, id.start);
    case 'contact_period_boundary':
      // the ending period is judged, then the next starts on the day whose first instant this is
      // (the day after the end the period had when it started: its boundary was set for then)
      return [
        ...ended(step, id.servicePoint, id.start),
        ...started(step, id.servicePoint, step.context.time.dateOf(new Date(event.data.dueAt))),
      ];
    default:
      return assertNever(kind);
  }
}
