import { ClientState, CommandContext, ContactCadence, DecidedEvent, RegisteredClient } from '@ledger/domain';

/**
 * Planned contacts from the client's cadence [001][003]: weekly, twice a week, every two weeks or
 * monthly. A period's start plans a contact; its end, if that contact never happened, hands its
 * place to an unplanned one with the reason `no_planned_contact`. Both are durable deadlines.
 */

const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
/** 1 Monday … 7 Sunday */
const isoWeekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;

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
    case 'monthly': {
      const [y, m] = start.split('-').map(Number) as [number, number];
      return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    }
  }
}

const startDeadline = (start: string, context: CommandContext, evidence: string[]): DecidedEvent => ({
  type: 'DeadlineSet',
  eventId: context.newEventId(),
  data: {
    deadlineId: `contacts/${start}/start`,
    kind: 'contact_period_start',
    dueAt: context.time.startOfDay(start).toISOString(),
  },
  rule: 'contacts.cadence',
  evidence,
});

/** The first period, from the day the client becomes active. */
export function startCadence(date: string, context: CommandContext, evidence: string[]): DecidedEvent {
  return startDeadline(date, context, evidence);
}

const isServed = (client: RegisteredClient) =>
  client.lifecycle === 'active' || client.lifecycle === 'escalated';

/** What a cadence deadline makes happen. */
export function cadenceConsequences(
  state: ClientState,
  event: DecidedEvent,
  context: CommandContext,
): DecidedEvent[] {
  if (state.status !== 'registered' || event.type !== 'DeadlineFired') return [];
  if (event.data.kind !== 'contact_period_start' && event.data.kind !== 'contact_period_end') return [];
  const client = state;
  const [, start] = event.data.deadlineId.split('/');
  if (!start) return [];
  const end = periodEnd(start, client.contactCadence);
  const because = { rule: 'contacts.cadence', evidence: [event.eventId] };
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
          contactId: `planned/${start}`,
          kind: 'planned',
          reason: 'info_occasion',
          plannedAt: new Date(context.time.startOfDay(day).getTime() + 9 * 3_600_000).toISOString(),
          assignee: { role: 'KPP', employeeId: client.kppId },
        },
        ...because,
      },
      {
        type: 'DeadlineSet',
        eventId: context.newEventId(),
        data: {
          deadlineId: `contacts/${start}/end`,
          kind: 'contact_period_end',
          dueAt: context.time.endOfDay(end).toISOString(),
        },
        ...because,
      },
      startDeadline(addDays(end, 1), context, [event.eventId]),
    ];
  }
  if (event.data.kind === 'contact_period_end') {
    const contactId = `planned/${start}`;
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
          contactId: `missed/${start}`,
          kind: 'unplanned',
          reason: 'no_planned_contact',
          plannedAt: event.data.dueAt,
          assignee: { role: 'KPP', employeeId: client.kppId },
        },
        ...because,
      },
    ];
  }
  return [];
}
