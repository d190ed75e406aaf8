import {
  DecidedEvent,
  RegisteredClient,
  clientDebtMonths,
  debtOf,
  handoverEvents,
  toKopecks,
} from '@ledger/domain';
import { ActionEvents, Step, eventsOf } from '../shared/actions';
import { transitionActions } from '../shared/transition';
import {
  HandOverParams,
  ResponsibilityActionType,
  ResponsibilityEvent,
  responsibilityMachine,
} from './machine';

/** КПП ⇄ ПМ: the handover rules of SPEC §3.2 and the return once the threat is lifted. */

function signal(client: RegisteredClient, event: DecidedEvent): ResponsibilityEvent | null {
  switch (event.type) {
    case 'PaymentDateRefused':
      return { type: 'PAYMENT_DATE_REFUSED' };
    case 'PaymentPromiseRecorded':
      return {
        type: 'PROMISE_RECORDED',
        projectedDebt: {
          unpaid: toKopecks(event.data.projectedDebt ?? 0),
          monthlyFee: toKopecks(client.monthlyFee),
        },
      };
    case 'PaymentPromiseBroken':
      return { type: 'PROMISE_BROKEN', brokenPromisesInRow: client.receivables.brokenPromisesInRow };
    case 'InvoiceIssued':
      return { type: 'DEBT_CHANGED', debt: debtOf(client) };
    case 'PaymentReceived':
    case 'PaymentPromiseKept':
    case 'PaymentPromiseBreachCorrected':
      return {
        type: 'SETTLEMENT_CHANGED',
        debt: debtOf(client),
        onTimeMonthsInRow: client.receivables.onTimeMonthsInRow,
      };
    default:
      return null;
  }
}

/** The events that made a handover rule fire. */
function evidenceFor(client: RegisteredClient, event: DecidedEvent): string[] {
  const r = client.receivables;
  switch (event.type) {
    case 'PaymentPromiseBroken':
      return r.promises
        .filter((p) => p.status === 'broken' && p.brokenEventId)
        .slice(-2)
        .map((p) => p.brokenEventId!);
    case 'PaymentPromiseRecorded':
    case 'InvoiceIssued':
      return [
        event.eventId,
        ...(r.lastInvoiceEventId && r.lastInvoiceEventId !== event.eventId ? [r.lastInvoiceEventId] : []),
      ];
    default:
      return [event.eventId];
  }
}

function returnEvents({ client, event, context }: Step): DecidedEvent[] {
  const kept = client.receivables.promises
    .filter((p) => p.status === 'kept' || p.status === 'corrected')
    .slice(-2);
  const rule = {
    rule: 'receivables.threat_lifted' as const,
    evidence: [event.eventId, ...kept.map((p) => p.recordedEventId)],
  };
  return [
    ...client.threats
      .filter((t) => t.open)
      .map((t): DecidedEvent => ({
        type: 'ThreatResolved',
        eventId: context.newEventId(),
        data: { threatId: t.threatId, resolution: 'threat_lifted' },
        ...rule,
      })),
    {
      type: 'ReturnedToKPP',
      eventId: context.newEventId(),
      data: {
        fromPmId: client.responsible.employeeId,
        toKppId: client.kppId,
        debtMonths: clientDebtMonths(client),
        onTimeMonthsInRow: client.receivables.onTimeMonthsInRow,
      },
      ...rule,
    },
  ];
}

const ACTION_EVENTS: ActionEvents<ResponsibilityActionType, Step> = {
  handOver: ({ client, event, context }, params) =>
    handoverEvents(
      client,
      context,
      (params as HandOverParams).reason,
      client.pmId,
      evidenceFor(client, event),
    ),
  returnToKpp: returnEvents,
};

/**
 * The machine's events each state takes at all (its own and its children's). An event a state does
 * not take changes nothing and does nothing, so the machine need not run: most payments reach a
 * client the КПП holds, where only a handover could follow (issue 13: running the machine per
 * payment was ~2 % of its CPU).
 */
const takenIn = (value: 'kpp' | 'pm'): ReadonlySet<string> =>
  new Set<string>(responsibilityMachine.states[value]!.events);
const TAKEN = { kpp: takenIn('kpp'), pm: takenIn('pm') };

export function responsibilityConsequences(step: Step): DecidedEvent[] {
  const machineEvent = signal(step.client, step.event);
  if (!machineEvent) return [];
  const value = step.client.responsible.role === 'PM' ? 'pm' : 'kpp';
  if (!TAKEN[value].has(machineEvent.type) && !TAKEN[value].has('*')) return [];
  const actions = transitionActions(responsibilityMachine, value, {}, machineEvent);
  return eventsOf(actions, ACTION_EVENTS, step);
}
