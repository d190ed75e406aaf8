import { ClientState, CommandContext, DecidedEvent, nextMonth } from '@ledger/domain';

/**
 * The personal manager's regular work [002]: a decision-maker contact every month (an e-mail with
 * top questions and links, then a call) and competitor diagnostics twice a year. Both come due by
 * durable deadlines set when the client goes on remote service and renewed as each falls due.
 */

const halfYearOf = (month: string) => `${month.slice(0, 4)}-H${Number(month.slice(5, 7)) <= 6 ? 1 : 2}`;
const nextHalfYearStart = (halfYear: string) => {
  const year = Number(halfYear.slice(0, 4));
  return halfYear.endsWith('H1') ? `${year}-07-01` : `${year + 1}-01-01`;
};

const deadline = (
  deadlineId: string,
  kind: 'decision_maker_month' | 'competitor_half_year',
  date: string,
  context: CommandContext,
  evidence: string[],
): DecidedEvent => ({
  type: 'DeadlineSet',
  eventId: context.newEventId(),
  data: { deadlineId, kind, dueAt: context.time.startOfDay(date).toISOString() },
  rule:
    kind === 'decision_maker_month' ? 'pm.decision_maker_monthly' : 'pm.competitor_diagnostics_twice_a_year',
  evidence,
});

/** From the day the client goes on remote service: this month's contact and this half-year's diagnostics. */
export function startPmWork(date: string, context: CommandContext, evidence: string[]): DecidedEvent[] {
  const month = date.slice(0, 7);
  return [
    deadline(`decision_maker/${month}`, 'decision_maker_month', date, context, evidence),
    deadline(`competitors/${halfYearOf(month)}`, 'competitor_half_year', date, context, evidence),
  ];
}

export function pmWorkConsequences(
  state: ClientState,
  event: DecidedEvent,
  context: CommandContext,
): DecidedEvent[] {
  if (state.status !== 'registered' || event.type !== 'DeadlineFired') return [];
  const served = state.lifecycle === 'active' || state.lifecycle === 'escalated';
  const because = { evidence: [event.eventId] };
  if (event.data.kind === 'decision_maker_month') {
    const month = event.data.deadlineId.slice('decision_maker/'.length);
    if (!served) return [];
    const next = nextMonth(month);
    return [
      {
        type: 'DecisionMakerContactDue',
        eventId: context.newEventId(),
        occurredAt: event.data.dueAt,
        data: { month },
        rule: 'pm.decision_maker_monthly',
        ...because,
      },
      deadline(`decision_maker/${next}`, 'decision_maker_month', `${next}-01`, context, [event.eventId]),
    ];
  }
  if (event.data.kind === 'competitor_half_year') {
    const halfYear = event.data.deadlineId.slice('competitors/'.length);
    if (!served) return [];
    const nextStart = nextHalfYearStart(halfYear);
    return [
      {
        type: 'CompetitorDiagnosticsDue',
        eventId: context.newEventId(),
        occurredAt: event.data.dueAt,
        data: { halfYear },
        rule: 'pm.competitor_diagnostics_twice_a_year',
        ...because,
      },
      deadline(
        `competitors/${halfYearOf(nextStart.slice(0, 7))}`,
        'competitor_half_year',
        nextStart,
        context,
        [event.eventId],
      ),
    ];
  }
  return [];
}
