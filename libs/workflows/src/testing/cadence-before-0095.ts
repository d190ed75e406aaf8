/**
 * The contact cadence as it was before ADR 0095, frozen: each period's start set TWO timers, the
 * period's end and the next period's start, at the same instant. Kept only for the tests that prove
 * today's single boundary timer decides the same contacts (and that old streams go on correctly):
 * they load the workflows with this module in place of `contact-cadence/workflow`. Do not change it.
 */
import { and, setup } from 'xstate';
import {
  CommandContext,
  DecidedEvent,
  RegisteredClient,
  addDays,
  diagnosticFailures,
  isServed,
  joinId,
  ruleSettings,
  touchesFullWeek,
  type RuleCode,
} from '@ledger/domain';
import { ActionEvents, Step, eventsOf, noop } from '../shared/actions';
import { transitionActions } from '../shared/transition';
import {
  MAIN,
  cadenceOf,
  missedId,
  parsePeriodId,
  periodEnd,
  periodStartId,
  plannedId,
} from '../contact-cadence/periods';

export { periodEnd } from '../contact-cadence/periods';

type CadenceMachineEvent =
  | { type: 'PERIOD_STARTED' }
  | { type: 'PERIOD_ENDED'; contactOpen: boolean; owed: boolean }
  | { type: 'SERVICE_POINT_ADDED' };

type CadenceActionType =
  | 'planContact'
  | 'setPeriodEnd'
  | 'setNextPeriodStart'
  | 'emitMissed'
  | 'planUnplanned'
  | 'emitNotOwed'
  | 'startServicePoint';

const cadenceMachineBefore0095 = setup({
  types: { events: {} as CadenceMachineEvent },
  actions: {
    planContact: noop,
    setPeriodEnd: noop,
    setNextPeriodStart: noop,
    emitMissed: noop,
    planUnplanned: noop,
    emitNotOwed: noop,
    startServicePoint: noop,
  } satisfies Record<CadenceActionType, typeof noop>,
  guards: {
    contactOpen: ({ event }) => event.type === 'PERIOD_ENDED' && event.contactOpen,
    owed: ({ event }) => event.type === 'PERIOD_ENDED' && event.owed,
  },
}).createMachine({
  id: 'contactCadenceBefore0095',
  initial: 'served',
  on: {
    PERIOD_ENDED: [
      { guard: and(['contactOpen', 'owed']), actions: ['emitMissed', 'planUnplanned'] },
      { guard: 'contactOpen', actions: ['emitNotOwed'] },
    ],
  },
  states: {
    served: {
      on: {
        PERIOD_STARTED: { actions: ['planContact', 'setPeriodEnd', 'setNextPeriodStart'] },
        SERVICE_POINT_ADDED: { actions: ['startServicePoint'] },
      },
    },
    off: {},
  },
});

const periodEndId = (servicePoint: string, start: string) =>
  joinId('contacts', ...(servicePoint === MAIN ? [] : [servicePoint]), start, 'end');

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
  setPeriodEnd: ({ servicePoint, start, end, event, context }) => [
    {
      type: 'DeadlineSet',
      eventId: context.newEventId(),
      data: {
        deadlineId: periodEndId(servicePoint, start),
        kind: 'contact_period_end',
        dueAt: context.time.endOfDay(end).toISOString(),
      },
      rule: RULE,
      evidence: [event.eventId],
    },
  ],
  setNextPeriodStart: ({ servicePoint, end, event, context }) => [
    startDeadline(servicePoint, addDays(end, 1), context, [event.eventId]),
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

function owed(client: RegisteredClient, contactId: string, end: string, context: CommandContext): boolean {
  const contact = client.openContacts[contactId];
  if (!contact) return false;
  const from = context.time.dateOf(new Date(contact.plannedAt));
  const { firstFullWeek } = ruleSettings(context.settings);
  return touchesFullWeek(from, end, firstFullWeek) || diagnosticFailures(client).length > 0;
}

export function cadenceConsequences(step: Step): DecidedEvent[] {
  const { client, event, context } = step;
  let signal: CadenceMachineEvent;
  let input: Input;
  if (event.type === 'ServicePointAdded') {
    signal = { type: 'SERVICE_POINT_ADDED' };
    input = { ...step, servicePoint: event.data.servicePointId, start: '', end: '' };
  } else if (
    event.type === 'DeadlineFired' &&
    (event.data.kind === 'contact_period_start' || event.data.kind === 'contact_period_end')
  ) {
    const id = parsePeriodId(event.data.deadlineId);
    if (!id) return [];
    const end = periodEnd(id.start, cadenceOf(client, id.servicePoint));
    input = { ...step, ...id, end };
    if (event.data.kind === 'contact_period_start') signal = { type: 'PERIOD_STARTED' };
    else {
      const contactId = plannedId(id.servicePoint, id.start);
      signal = {
        type: 'PERIOD_ENDED',
        contactOpen: !!client.openContacts[contactId],
        owed: owed(client, contactId, end, context),
      };
    }
  } else {
    return [];
  }
  const actions = transitionActions(
    cadenceMachineBefore0095,
    isServed(client) ? 'served' : 'off',
    {},
    signal,
  );
  return eventsOf(actions, ACTION_EVENTS, input);
}
