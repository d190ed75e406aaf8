/** Durable timers of the client's workflows: set, then fired by the scheduler or cancelled. */
export type DeadlineKind =
  | 'payment_reminder'
  | 'promise_due'
  | 'engagement_check'
  | 'contact_period_start'
  | 'contact_period_boundary'
  // set by streams written before ADR 0095 (a period's end beside the next one's start); still fired
  | 'contact_period_end'
  | 'decision_maker_month'
  | 'competitor_half_year';

/** A durable timer of the client's workflows: the scheduler fires it at `dueAt`. */
export interface DeadlineSet {
  type: 'DeadlineSet';
  data: { deadlineId: string; kind: DeadlineKind; dueAt: string; promiseId?: string };
}

export interface DeadlineCancelled {
  type: 'DeadlineCancelled';
  data: { deadlineId: string };
}

export interface DeadlineFired {
  type: 'DeadlineFired';
  data: { deadlineId: string; kind: DeadlineKind; dueAt: string; promiseId?: string };
}

export type DeadlinesEvent = DeadlineSet | DeadlineCancelled | DeadlineFired;

export const DEADLINES_EVENT_TYPES: Record<DeadlinesEvent['type'], true> = {
  DeadlineSet: true,
  DeadlineCancelled: true,
  DeadlineFired: true,
};
