import { CommandContext, DecidedEvent, RuleCode, isServed, joinId, nextMonth } from '@ledger/domain';
import { ActionEvents, Step, eventsOf } from '../shared/actions';
import { transitionActions } from '../shared/transition';
import { EngagementActionType, engagementMachine } from './machine';

const RULE: RuleCode = 'lifecycle.engagement_monthly';
const PREFIX = joinId('engagement', '');

/** The deadline that checks, when a month is over, whether the client was engaged in it. */
export function engagementCheck(month: string, context: CommandContext, evidence: string[]): DecidedEvent {
  return {
    type: 'DeadlineSet',
    eventId: context.newEventId(),
    data: {
      deadlineId: joinId('engagement', month),
      kind: 'engagement_check',
      dueAt: context.time.startOfDay(`${nextMonth(month)}-01`).toISOString(),
    },
    rule: RULE,
    evidence,
  };
}

interface Input extends Step {
  month: string;
  dueAt: string;
}

const ACTION_EVENTS: ActionEvents<EngagementActionType, Input> = {
  emitOverdue: ({ month, dueAt, event, context }) => [
    {
      type: 'EngagementOverdue',
      eventId: context.newEventId(),
      occurredAt: dueAt,
      data: { month },
      rule: RULE,
      evidence: [event.eventId],
    },
  ],
  scheduleNextCheck: ({ month, event, context }) => [
    engagementCheck(nextMonth(month), context, [event.eventId]),
  ],
};

export function engagementConsequences(step: Step): DecidedEvent[] {
  const { client, event } = step;
  if (event.type !== 'DeadlineFired' || event.data.kind !== 'engagement_check') return [];
  const month = event.data.deadlineId.slice(PREFIX.length);
  const engaged = !!client.lastEngagementMonth && client.lastEngagementMonth >= month;
  const signal = { type: 'MONTH_ENDED' as const, engaged };
  const actions = transitionActions(engagementMachine, isServed(client) ? 'served' : 'off', {}, signal);
  return eventsOf(actions, ACTION_EVENTS, { ...step, month, dueAt: event.data.dueAt });
}
