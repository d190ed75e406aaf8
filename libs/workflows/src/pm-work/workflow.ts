import {
  CommandContext,
  DecidedEvent,
  halfYearOf,
  isServed,
  joinId,
  nextHalfYearStart,
  nextMonth,
  type RuleCode,
} from '@ledger/domain';
import { ActionEvents, Step, eventsOf } from '../shared/actions';
import { transitionActions } from '../shared/transition';
import { PmWorkActionType, PmWorkMachineEvent, pmWorkMachine } from './machine';

const MONTHLY: RuleCode = 'pm.decision_maker_monthly';
const HALF_YEARLY: RuleCode = 'pm.competitor_diagnostics_twice_a_year';
const decisionMakerId = (month: string) => joinId('decision_maker', month);
const competitorsId = (halfYear: string) => joinId('competitors', halfYear);

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
  rule: kind === 'decision_maker_month' ? MONTHLY : HALF_YEARLY,
  evidence,
});

/** From the day the client goes on remote service: this month's contact and this half-year's diagnostics. */
export function startPmWork(date: string, context: CommandContext, evidence: string[]): DecidedEvent[] {
  const month = date.slice(0, 7);
  return [
    deadline(decisionMakerId(month), 'decision_maker_month', date, context, evidence),
    deadline(competitorsId(halfYearOf(month)), 'competitor_half_year', date, context, evidence),
  ];
}

interface Input extends Step {
  /** The month or the half-year the deadline was for. */
  period: string;
  dueAt: string;
}

const ACTION_EVENTS: ActionEvents<PmWorkActionType, Input> = {
  emitDecisionMakerDue: ({ period, dueAt, event, context }) => [
    {
      type: 'DecisionMakerContactDue',
      eventId: context.newEventId(),
      occurredAt: dueAt,
      data: { month: period },
      rule: MONTHLY,
      evidence: [event.eventId],
    },
  ],
  scheduleNextMonth: ({ period, event, context }) => {
    const next = nextMonth(period);
    return [deadline(decisionMakerId(next), 'decision_maker_month', `${next}-01`, context, [event.eventId])];
  },
  emitCompetitorDiagnosticsDue: ({ period, dueAt, event, context }) => [
    {
      type: 'CompetitorDiagnosticsDue',
      eventId: context.newEventId(),
      occurredAt: dueAt,
      data: { halfYear: period },
      rule: HALF_YEARLY,
      evidence: [event.eventId],
    },
  ],
  scheduleNextHalfYear: ({ period, event, context }) => {
    const start = nextHalfYearStart(period);
    return [
      deadline(competitorsId(halfYearOf(start.slice(0, 7))), 'competitor_half_year', start, context, [
        event.eventId,
      ]),
    ];
  },
};

/** The period a ПМ-work deadline is for: the part of its id after the prefix. */
const periodOf = (deadlineId: string, prefix: string) => deadlineId.slice(joinId(prefix, '').length);

export function pmWorkConsequences(step: Step): DecidedEvent[] {
  const { client, event } = step;
  if (event.type !== 'DeadlineFired') return [];
  let signal: PmWorkMachineEvent;
  let period: string;
  if (event.data.kind === 'decision_maker_month') {
    signal = { type: 'MONTH_CAME' };
    period = periodOf(event.data.deadlineId, 'decision_maker');
  } else if (event.data.kind === 'competitor_half_year') {
    signal = { type: 'HALF_YEAR_CAME' };
    period = periodOf(event.data.deadlineId, 'competitors');
  } else {
    return [];
  }
  const actions = transitionActions(pmWorkMachine, isServed(client) ? 'served' : 'off', {}, signal);
  return eventsOf(actions, ACTION_EVENTS, { ...step, period, dueAt: event.data.dueAt });
}
