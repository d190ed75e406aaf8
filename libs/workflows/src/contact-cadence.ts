import {
  ClientState,
  CommandContext,
  ContactCadence,
  DecidedEvent,
  RegisteredClient,
  addDays,
  isoWeekday,
  lastDayOfMonth,
} from '@ledger/domain';

/**
 * Planned contacts from the client's cadence [001][003]: weekly, twice a week, every two weeks or
 * monthly. A period's start plans a contact; its end, if that contact never happened, hands its
 * place to an unplanned one with the reason `no_planned_contact`. Both are durable deadlines.
 */

/** The last day of the period that starts on `start`. */
export function periodEnd(start: string, cadence: ContactCadence): string {
  const sunday = addDays(start, 7 - isoWeekday(start));
  switch (cadence) {
    case 'weekly':
      return sunday;
    case 'twice_weekly':
      // Monday–Wednesday, Thursday–Sunday
      return isoWeekday(start) <= 3 ? addDays(start, 3 - isoWeekday(start)) : sunday;
    case 'biweekly':
      return addDays(sunday, 7);
    case 'monthly':
      return lastDayOfMonth(start.slice(0, 7));
  }
}

/** The client's own point is `main`; its ids keep the short form. */
const MAIN = 'main';
const prefix = (servicePoint: string) => (servicePoint === MAIN ? '' : `${servicePoint}/`);
const periodStartId = (servicePoint: string, start: string) =>
  `contacts/${prefix(servicePoint)}${start}/start`;
const periodEndId = (servicePoint: string, start: string) => `contacts/${prefix(servicePoint)}${start}/end`;
const plannedId = (servicePoint: string, start: string) => `planned/${prefix(servicePoint)}${start}`;
const missedId = (servicePoint: string, start: string) => `missed/${prefix(servicePoint)}${start}`;

/** `contacts/<start>/<edge>` or `contacts/<servicePoint>/<start>/<edge>`. */
const parseId = (deadlineId: string): { servicePoint: string; start: string } | null => {
  const parts = deadlineId.split('/');
  if (parts[0] !== 'contacts') return null;
  return parts.length === 3
    ? { servicePoint: MAIN, start: parts[1]! }
    : { servicePoint: parts[1]!, start: parts[2]! };
};

const cadenceOf = (client: RegisteredClient, servicePoint: string): ContactCadence =>
  servicePoint === MAIN
    ? client.contactCadence
    : (client.servicePoints[servicePoint]?.contactCadence ?? client.contactCadence);

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
  rule: 'contacts.cadence',
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

const isServed = (client: RegisteredClient) =>
  client.lifecycle === 'active' || client.lifecycle === 'escalated';

/** What a cadence deadline (or a service point added to a served client) makes happen. */
export function cadenceConsequences(
  state: ClientState,
  event: DecidedEvent,
  context: CommandContext,
): DecidedEvent[] {
  if (state.status !== 'registered') return [];
  const client = state;
  if (event.type === 'ServicePointAdded') {
    return isServed(client)
      ? [startDeadline(event.data.servicePointId, context.time.dateOf(context.now), context, [event.eventId])]
      : [];
  }
  if (event.type !== 'DeadlineFired') return [];
  if (event.data.kind !== 'contact_period_start' && event.data.kind !== 'contact_period_end') return [];
  const id = parseId(event.data.deadlineId);
  if (!id) return [];
  const { servicePoint, start } = id;
  const end = periodEnd(start, cadenceOf(client, servicePoint));
  const because = { rule: 'contacts.cadence', evidence: [event.eventId] };
  const atPoint = servicePoint === MAIN ? {} : { servicePointId: servicePoint };
  if (event.data.kind === 'contact_period_start') {
    if (!isServed(client)) return [];
    // on the period's first working day, at 9:00 in the РИЦ's zone
    let day = start;
    while (day < end && context.time.workingDayOnOrBefore(day) !== day) day = addDays(day, 1);
    return [
      {
        type: 'ContactPlanned',
        eventId: context.newEventId(),
        occurredAt: event.data.dueAt,
        data: {
          contactId: plannedId(servicePoint, start),
          kind: 'planned',
          reason: 'info_occasion',
          plannedAt: new Date(context.time.startOfDay(day).getTime() + 9 * 3_600_000).toISOString(),
          ...atPoint,
          assignee: { role: 'KPP', employeeId: client.kppId },
        },
        ...because,
      },
      {
        type: 'DeadlineSet',
        eventId: context.newEventId(),
        data: {
          deadlineId: periodEndId(servicePoint, start),
          kind: 'contact_period_end',
          dueAt: context.time.endOfDay(end).toISOString(),
        },
        ...because,
      },
      startDeadline(servicePoint, addDays(end, 1), context, [event.eventId]),
    ];
  }
  const contactId = plannedId(servicePoint, start);
  if (!client.openContacts[contactId]) return [];
  return [
    {
      type: 'ContactMissed',
      eventId: context.newEventId(),
      occurredAt: event.data.dueAt,
      data: { contactId, periodEnd: end },
      ...because,
    },
    {
      type: 'ContactPlanned',
      eventId: context.newEventId(),
      occurredAt: event.data.dueAt,
      data: {
        contactId: missedId(servicePoint, start),
        kind: 'unplanned',
        reason: 'no_planned_contact',
        plannedAt: event.data.dueAt,
        ...atPoint,
        assignee: { role: 'KPP', employeeId: client.kppId },
      },
      ...because,
    },
  ];
}
