import {
  brokenPromisesInRow,
  onTimeMonthsInRow,
  PromiseOutcome,
  toKopecks,
  unpaidAmount,
} from '../receivables/receivables';
import { ClientEvent, CLIENT_EVENT_TYPES } from './client-events';
import {
  ClientState,
  initialClientState,
  PromiseRecord,
  Receivables,
  RegisteredClient,
} from './client-state';

/** The facts an evolve step may need besides the event itself. */
export interface EventFacts {
  occurredAt: string;
  eventId: string;
}

export function evolve(state: ClientState, event: ClientEvent, facts: EventFacts): ClientState {
  if (event.type === 'ClientRegistered') {
    return {
      status: 'registered',
      ...event.data,
      lifecycle: 'candidate',
      responsible: { role: 'KPP', employeeId: event.data.kppId },
      registeredAt: facts.occurredAt,
      receivables: {
        invoiced: 0,
        paid: 0,
        invoiceIds: {},
        paymentIds: {},
        promises: [],
        brokenPromisesInRow: 0,
        onTimeMonthsInRow: 0,
      },
      threats: [],
      deadlines: {},
    };
  }
  if (state.status !== 'registered') return state;
  return evolveRegistered(state, event, facts);
}

function evolveRegistered(state: RegisteredClient, event: ClientEvent, facts: EventFacts): RegisteredClient {
  const r = state.receivables;
  switch (event.type) {
    case 'ClientRegistered':
      return state;
    case 'InvoiceIssued':
      return withReceivables(state, {
        ...r,
        invoiced: r.invoiced + toKopecks(event.data.amount),
        invoiceIds: { ...r.invoiceIds, [event.data.invoiceId]: true },
        lastInvoiceEventId: facts.eventId,
      });
    case 'PaymentReceived': {
      const amount = toKopecks(event.data.amount);
      // A payment counts towards every unkept promise whose agreed day it is dated on or before.
      const promises = r.promises.map((p) =>
        p.status !== 'kept' && p.status !== 'corrected' && event.data.paidOn <= p.promisedOn
          ? { ...p, paidInTime: p.paidInTime + amount }
          : p,
      );
      const paid = r.paid + amount;
      // Paying off the debt ends any follow-up that was due.
      const settled = unpaidAmount(r.invoiced, paid) === 0;
      return withReceivables(state, {
        ...r,
        paid,
        paymentIds: { ...r.paymentIds, [event.data.paymentId]: true },
        lastPaymentEventId: facts.eventId,
        promises: settled ? promises.map((p) => ({ ...p, followUpOpen: false })) : promises,
      });
    }
    case 'PaymentPromiseRecorded': {
      const d = event.data;
      const promise: PromiseRecord = {
        promiseId: d.promiseId,
        promisedOn: d.promisedOn,
        ...(d.amount !== undefined ? { amount: toKopecks(d.amount) } : {}),
        target: toKopecks(d.target),
        paidInTime: 0,
        remind: d.remind,
        ...(d.remindOn ? { remindOn: d.remindOn } : {}),
        status: 'open',
        reminder: d.remind ? 'scheduled' : 'none',
        recordedEventId: facts.eventId,
        recordedAt: facts.occurredAt,
      };
      // A new agreed date is the answer to the follow-up call.
      const earlier = r.promises.map((p) => (p.followUpOpen ? { ...p, followUpOpen: false } : p));
      return withReceivables(state, { ...r, promises: [...earlier, promise] });
    }
    case 'PaymentReminderDue':
      return updatePromise(state, event.data.promiseId, (p) => ({ ...p, reminder: 'due' }));
    case 'PaymentReminderDone':
      return updatePromise(state, event.data.promiseId, (p) => ({ ...p, reminder: 'done' }));
    case 'PaymentPromiseKept':
      return withOutcomes(
        updatePromise(state, event.data.promiseId, (p) => ({
          ...p,
          status: 'kept',
          paidInTime: toKopecks(event.data.paidInTime),
          reminder: p.reminder === 'scheduled' ? 'none' : p.reminder,
        })),
      );
    case 'PaymentPromiseBroken':
      return withOutcomes(
        updatePromise(state, event.data.promiseId, (p) => ({
          ...p,
          status: 'broken',
          followUpDueBy: event.data.followUpDueBy,
          followUpDueOn: event.data.followUpDueOn,
          followUpOpen: true,
          brokenEventId: facts.eventId,
          brokenAt: facts.occurredAt,
        })),
      );
    case 'PaymentPromiseBreachCorrected':
      return withOutcomes(
        updatePromise(state, event.data.promiseId, (p) => ({
          ...p,
          status: 'corrected',
          followUpOpen: false,
          paidInTime: toKopecks(event.data.paidInTime),
        })),
      );
    case 'PaymentDateRefused':
      return { ...state, lastRefusalEventId: facts.eventId };
    case 'ThreatRaised':
      return {
        ...state,
        threats: [
          ...state.threats,
          {
            threatId: event.data.threatId,
            type: event.data.threatType,
            raisedEventId: facts.eventId,
            raisedAt: facts.occurredAt,
            open: true,
          },
        ],
      };
    case 'ThreatResolved':
      return {
        ...state,
        threats: state.threats.map((t) => (t.threatId === event.data.threatId ? { ...t, open: false } : t)),
      };
    case 'HandedOverToPM':
      return {
        ...state,
        responsible: { role: 'PM', employeeId: event.data.toPmId },
        lifecycle: state.lifecycle === 'active' ? 'escalated' : state.lifecycle,
        // The ПМ works the debt now: no КПП follow-up call is left open.
        receivables: {
          ...r,
          promises: r.promises.map((p) => (p.followUpOpen ? { ...p, followUpOpen: false } : p)),
        },
      };
    case 'ReturnedToKPP':
      return {
        ...state,
        responsible: { role: 'KPP', employeeId: event.data.toKppId },
        lifecycle: state.lifecycle === 'escalated' ? 'active' : state.lifecycle,
      };
    case 'DeadlineSet': {
      const withDeadline = {
        ...state,
        deadlines: {
          ...state.deadlines,
          [event.data.deadlineId]: {
            kind: event.data.kind,
            dueAt: event.data.dueAt,
            ...(event.data.promiseId ? { promiseId: event.data.promiseId } : {}),
          },
        },
      };
      return event.data.kind === 'payment_reminder' && event.data.promiseId
        ? updatePromise(withDeadline, event.data.promiseId, (p) => ({ ...p, reminderAt: event.data.dueAt }))
        : withDeadline;
    }
    case 'DeadlineCancelled':
    case 'DeadlineFired': {
      const { [event.data.deadlineId]: _gone, ...rest } = state.deadlines;
      return { ...state, deadlines: rest };
    }
  }
}

const withReceivables = (state: RegisteredClient, receivables: Receivables): RegisteredClient => ({
  ...state,
  receivables,
});

const updatePromise = (
  state: RegisteredClient,
  promiseId: string,
  change: (p: PromiseRecord) => PromiseRecord,
): RegisteredClient =>
  withReceivables(state, {
    ...state.receivables,
    promises: state.receivables.promises.map((p) => (p.promiseId === promiseId ? change(p) : p)),
  });

/** Streaks follow the resolved promises: kept and corrected count as kept. */
function withOutcomes(state: RegisteredClient): RegisteredClient {
  const outcomes: PromiseOutcome[] = state.receivables.promises
    .filter((p) => p.status !== 'open')
    .map((p) => ({ promisedOn: p.promisedOn, kept: p.status === 'kept' || p.status === 'corrected' }));
  return withReceivables(state, {
    ...state.receivables,
    brokenPromisesInRow: brokenPromisesInRow(outcomes),
    onTimeMonthsInRow: onTimeMonthsInRow(outcomes),
  });
}

export interface FoldableEvent {
  type: string;
  data: unknown;
  metadata: { occurredAt: string; eventId: string };
}

/** The state after a stream's events; events of types this version does not know are passed over. */
export function foldClient(
  events: readonly FoldableEvent[],
  from: ClientState = initialClientState,
): ClientState {
  let state = from;
  for (const e of events) {
    if (!CLIENT_EVENT_TYPES.has(e.type)) continue;
    state = evolve(state, e as ClientEvent, {
      occurredAt: e.metadata.occurredAt,
      eventId: e.metadata.eventId,
    });
  }
  return state;
}
