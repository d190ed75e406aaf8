import type { EventFacts } from '../client/facts';
import type { PromiseRecord, RegisteredClient } from '../client/state';
import { assertNever } from '../shared/unions';
import type { ReceivablesEvent } from './events';
import { ownedMap } from './state';
import { stepStreaks, streaksOf, toKopecks, unpaidAmount, Streaks } from './receivables';

/** Applies a receivables event to a state the fold owns (changed in place). */
export function evolveReceivables(state: RegisteredClient, event: ReceivablesEvent, facts: EventFacts): void {
  const r = state.receivables;
  switch (event.type) {
    case 'InvoiceIssued':
      r.invoiced += toKopecks(event.data.amount);
      ownedMap(r, 'invoiceIds')[event.data.invoiceId] = true;
      r.lastInvoiceEventId = facts.eventId;
      return;
    case 'PaymentReceived': {
      const amount = toKopecks(event.data.amount);
      // It counts towards every unkept promise whose agreed day it is dated on or before; their agreed
      // days rise, so the search stops at the first that ends before the value date.
      for (let i = r.unkept.length - 1; i >= 0; i--) {
        const p = r.promises[r.unkept[i]!]!;
        if (p.promisedOn < event.data.paidOn) break;
        p.paidInTime += amount;
      }
      r.paid += amount;
      ownedMap(r, 'paymentIds')[event.data.paymentId] = true;
      r.lastPaymentEventId = facts.eventId;
      // Paying off the debt ends any follow-up that was due.
      if (unpaidAmount(r.invoiced, r.paid) === 0) closeFollowUps(state);
      return;
    }
    case 'PaymentPromiseRecorded': {
      const d = event.data;
      // A new agreed date is the answer to the follow-up call.
      closeFollowUps(state);
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
      ownedMap(r, 'promiseIndex')[d.promiseId] = r.promises.length;
      r.unkept.push(r.promises.length);
      r.promises.push(promise);
      return;
    }
    case 'PaymentReminderDue':
      withPromise(state, event.data.promiseId, (p) => (p.reminder = 'due'));
      return;
    case 'PaymentReminderDone':
      withPromise(state, event.data.promiseId, (p) => (p.reminder = 'done'));
      return;
    case 'PaymentPromiseKept':
      withPromise(state, event.data.promiseId, (p) => {
        p.status = 'kept';
        p.paidInTime = toKopecks(event.data.paidInTime);
        if (p.reminder === 'scheduled') p.reminder = 'none';
        resolve(state, p, true);
      });
      return;
    case 'PaymentPromiseBroken':
      withPromise(state, event.data.promiseId, (p) => {
        p.status = 'broken';
        p.followUpDueBy = event.data.followUpDueBy;
        p.followUpDueOn = event.data.followUpDueOn;
        p.followUpOpen = true;
        p.brokenEventId = facts.eventId;
        p.brokenAt = facts.occurredAt;
        resolve(state, p, false);
      });
      return;
    case 'PaymentPromiseBreachCorrected':
      withPromise(state, event.data.promiseId, (p) => {
        p.status = 'corrected';
        p.followUpOpen = false;
        p.paidInTime = toKopecks(event.data.paidInTime);
        r.unkept = r.unkept.filter((i) => i !== r.promiseIndex[p.promiseId]);
        // An earlier outcome changed: count the streaks again from the start.
        setStreaks(state, streaksOf(outcomesOf(state)));
      });
      return;
    case 'PaymentDateRefused':
      state.lastRefusalEventId = facts.eventId;
      return;
    // the threats are replaced, never changed in place: a state's clone shares them (client/evolve.ts)
    case 'ThreatRaised':
      state.threats = [
        ...state.threats,
        {
          threatId: event.data.threatId,
          type: event.data.threatType,
          raisedEventId: facts.eventId,
          raisedAt: facts.occurredAt,
          open: true,
        },
      ];
      return;
    case 'ThreatResolved':
      state.threats = state.threats.map((t) =>
        t.threatId === event.data.threatId ? { ...t, open: false } : t,
      );
      return;
    case 'HandedOverToPM':
      state.responsible = { role: 'PM', employeeId: event.data.toPmId };
      if (state.lifecycle === 'active') state.lifecycle = 'escalated';
      // The ПМ works the debt now: no КПП follow-up call is left open.
      closeFollowUps(state);
      return;
    case 'ReturnedToKPP':
      state.responsible = { role: 'KPP', employeeId: event.data.toKppId };
      if (state.lifecycle === 'escalated') state.lifecycle = 'active';
      return;
    default:
      return assertNever(event);
  }
}

/** Changes one promise on a copy of it: final promises are shared between states (see cloneReceivables). */
export function withPromise(
  state: RegisteredClient,
  promiseId: string,
  change: (p: PromiseRecord) => void,
): void {
  const index = state.receivables.promiseIndex[promiseId];
  if (index === undefined) return;
  const copy = { ...state.receivables.promises[index]! };
  state.receivables.promises[index] = copy; // in place before the change: it may read the list
  change(copy);
}

/** A promise resolved: kept ones leave the unkept list; the streaks step on. */
function resolve(state: RegisteredClient, p: PromiseRecord, kept: boolean): void {
  const r = state.receivables;
  if (kept) r.unkept = r.unkept.filter((i) => i !== r.promiseIndex[p.promiseId]);
  const outcome = { promisedOn: p.promisedOn, kept };
  // Promises resolve in agreed-day order; if one ever does not, count again from the start.
  const inOrder = r.streaks.lastAgreedDay === null || p.promisedOn >= r.streaks.lastAgreedDay;
  setStreaks(state, inOrder ? stepStreaks(r.streaks, outcome) : streaksOf(outcomesOf(state)));
}

/** Every resolved promise as an outcome: a corrected breach counts as kept. */
const outcomesOf = (state: RegisteredClient) =>
  state.receivables.promises
    .filter((q) => q.status !== 'open')
    .map((q) => ({ promisedOn: q.promisedOn, kept: q.status === 'kept' || q.status === 'corrected' }));

function setStreaks(state: RegisteredClient, streaks: Streaks): void {
  state.receivables.streaks = streaks;
  state.receivables.brokenPromisesInRow = streaks.brokenPromisesInRow;
  state.receivables.onTimeMonthsInRow = streaks.onTimeMonthsInRow;
}

function closeFollowUps(state: RegisteredClient): void {
  const r = state.receivables;
  for (const i of r.unkept) r.promises[i]!.followUpOpen = false;
}
