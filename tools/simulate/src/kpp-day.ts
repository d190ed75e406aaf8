import {
  CloseContact,
  RegisteredClient,
  addDays,
  debtOf,
  diagnosticFailures,
  openPromiseOf,
  ruleSettings,
  weekKindOf,
} from '@ledger/domain';
import { CHECKLISTS, REVIEW_SHEETS } from '@ledger/domain';
import { promise, kppActor } from './behaviour';
import {
  CALLBACK_SHARE_OF_FAILED,
  CLIENTS_PER_KPP,
  CONNECTED_SHARE,
  DIALS_PER_DAY,
  ENGAGEMENT_IN_CALL_SHARE,
  LONG_CALL_SEC,
  LONG_MEAN_SEC,
  LONG_SHARE_OF_DIALS,
  PERSON_ABSENT_SHARE_OF_FAILED,
  REFUSAL_SHARE,
  REVIEWED_SHARE_OF_CONNECTED,
  SHORT_MEAN_SEC,
  UNDER_A_MINUTE_SHARE_OF_CONNECTED,
  WITH_LOGIN_SHARE_OF_CONNECTED,
  WORKDAY_HOURS,
  WORKDAY_START_HOUR,
} from './parameters';
import { Random } from './prng';
import { SimClient } from './sim-client';

/** A КПП's own figures, drawn once: the seeds give each caller their own rates [001] l.216–222. */
export interface Caller {
  kppId: string;
  rng: Random;
  connected: number;
  longOfDials: number;
  longMeanSec: number;
  shortMeanSec: number;
  clients: SimClient[];
}

export function newCaller(seed: number, index: number): Caller {
  const rng = new Random(seed, `kpp-${index}`);
  return {
    kppId: `kpp-${index + 1}`,
    rng,
    connected: rng.between(CONNECTED_SHARE.min, CONNECTED_SHARE.max),
    longOfDials: rng.between(LONG_SHARE_OF_DIALS.min, LONG_SHARE_OF_DIALS.max),
    longMeanSec: rng.between(LONG_MEAN_SEC.min, LONG_MEAN_SEC.max),
    shortMeanSec: rng.between(SHORT_MEAN_SEC.min, SHORT_MEAN_SEC.max),
    clients: [],
  };
}

interface Work {
  client: SimClient;
  contactId: string;
  /** Payment work (a debtor's call): a promise is asked for. */
  payment: boolean;
  /** The earliest slot it may be dialed in (a callback waits). */
  notBefore: number;
}

const RIC_REVIEWER = { id: 'rkpp-1', role: 'RKPP' as const };

/**
 * One working day of a КПП: the planner (open contacts due, shown in a diagnostic week only for
 * clients that fail a criterion [003]), payment work for debtors, reminder calls; then 24–27 dials
 * spread over the day [001], each an attempt recorded as the КПП records it. When the planner runs
 * dry, the КПП calls about hot news (an unplanned contact) — the seeds' callers dial all day.
 */
export function kppDay(caller: Caller, date: string): void {
  const { rng } = caller;
  const world = caller.clients[0]?.world;
  if (!world) return;
  const start = world.time.startOfDay(date).getTime() + WORKDAY_START_HOUR * 3_600_000;
  const endOfDay = world.time.endOfDay(date).getTime();
  const actor = kppActor(caller.kppId);
  const fullWeek = weekKindOf(date, ruleSettings(world.settings).firstFullWeek) === 'full';
  const work: Work[] = [];
  for (const client of caller.clients) {
    const state = client.registered;
    if (!state || !isServedBy(state, caller.kppId)) continue;
    const morning = new Date(start - 30 * 60_000);
    const open = openPromiseOf(state);
    if (open && open.reminder === 'due')
      client.run({ type: 'MarkPaymentReminderDone', promiseId: open.promiseId }, actor, morning);
    if (needsPaymentCall(client, state, date)) {
      const contactId = `pay-${++client.contactSeq}`;
      if (client.run(planned(contactId, 'unpaid_invoice', morning), actor, morning) > 0)
        client.paymentContact = contactId;
    }
    // asked only when a planned contact needs it (a pure function of the state before this loop)
    let shown: boolean | undefined = fullWeek || undefined;
    for (const contact of Object.values(client.registered!.openContacts)) {
      if (contact.assignee.employeeId !== caller.kppId) continue;
      if (Date.parse(contact.plannedAt) >= endOfDay) continue;
      if (contact.kind === 'planned' && !(shown ??= diagnosticFailures(state).length > 0)) continue;
      work.push({
        client,
        contactId: contact.contactId,
        payment: contact.contactId === client.paymentContact,
        notBefore: 0,
      });
    }
  }
  // unplanned work first (debts, missed contacts), then the planned by client order
  work.sort((a, b) => Number(b.payment) - Number(a.payment));
  // 24–27 a day for 70 clients [001]; a КПП with fewer clients (the newest) dials as many fewer
  const served = caller.clients.filter((c) => c.registered && isServedBy(c.registered, caller.kppId)).length;
  const dials = Math.round(
    (rng.int(DIALS_PER_DAY.min, DIALS_PER_DAY.max) * Math.min(served, CLIENTS_PER_KPP)) / CLIENTS_PER_KPP,
  );
  const slotMs = (WORKDAY_HOURS * 3_600_000) / dials;
  const reviews: Array<{ client: SimClient; contactId: string; payment: boolean }> = [];
  for (let slot = 0; slot < dials; slot++) {
    const i = work.findIndex((w) => w.notBefore <= slot);
    const item =
      i >= 0 ? work.splice(i, 1)[0]! : hotNews(caller, date, new Date(start + slot * slotMs - 60_000));
    if (!item) continue;
    const at = new Date(start + slot * slotMs + rng.int(0, 60_000));
    const outcome = dial(caller, item, at, actor);
    if (outcome === 'retry') {
      const waitSlots = Math.ceil((rng.pick([15, 30, 60]) * 60_000) / slotMs);
      if (rng.chance(CALLBACK_SHARE_OF_FAILED)) work.push({ ...item, notBefore: slot + waitSlots });
    } else if (outcome === 'closed' && rng.chance(REVIEWED_SHARE_OF_CONNECTED)) {
      reviews.push(item);
    }
  }
  // the auditor listens to ~20 % of the day's calls [004] after hours
  const evening = new Date(start + (WORKDAY_HOURS + 1.5) * 3_600_000);
  for (const { client, contactId, payment } of reviews) {
    const sheet = payment ? 'payment' : rng.pick(REVIEW_SHEETS);
    const scores = Object.fromEntries(
      CHECKLISTS[sheet].items.map((i) => [i.code, rng.weighted({ 0: 1, 1: 3, 2: 8 })]),
    );
    client.run(
      {
        type: 'ReviewCall',
        reviewId: `rv-${++client.reviewSeq}`,
        contactId,
        sheet,
        scores: mapNumbers(scores),
      },
      RIC_REVIEWER,
      evening,
    );
  }
}

const mapNumbers = (scores: Record<string, string>) =>
  Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, Number(v)]));

const isServedBy = (state: RegisteredClient, kppId: string) =>
  state.kppId === kppId && (state.lifecycle === 'active' || state.lifecycle === 'escalated');

const planned = (contactId: string, reason: string, at: Date) => ({
  type: 'PlanContact' as const,
  contactId,
  kind: 'unplanned' as const,
  reason,
  plannedAt: at.toISOString(),
});

/** A debtor with the КПП, no promise in play, ten days past the invoice or a promise broken. */
function needsPaymentCall(client: SimClient, state: RegisteredClient, date: string): boolean {
  if (client.paymentContact && state.openContacts[client.paymentContact]) return false;
  client.paymentContact = null;
  if (state.responsible.role !== 'KPP' || debtOf(state).unpaid <= 0 || openPromiseOf(state)) return false;
  const followUp = state.receivables.promises.some((p) => p.followUpOpen);
  return followUp || (client.lastInvoiceOn !== '' && date >= addDays(client.lastInvoiceOn, 10));
}

/** The КПП's filler call: hot news for a client not reached for the longest time. */
function hotNews(caller: Caller, date: string, at: Date): Work | null {
  let best: SimClient | null = null;
  for (const client of caller.clients) {
    const state = client.registered;
    if (!state || !isServedBy(state, caller.kppId) || client.lastReached === date) continue;
    if (!best || client.lastReached < best.lastReached) best = client;
  }
  if (!best) return null;
  const contactId = `news-${++best.contactSeq}`;
  if (best.run(planned(contactId, 'hot_news', at), kppActor(caller.kppId), at) === 0) return null;
  return { client: best, contactId, payment: false, notBefore: 0 };
}

/** One dial and what follows it: the attempt, and for a real conversation the closing of the work. */
function dial(
  caller: Caller,
  item: Work,
  at: Date,
  actor: ReturnType<typeof kppActor>,
): 'retry' | 'closed' | 'gone' {
  const { rng } = caller;
  const { client, contactId } = item;
  if (!client.registered?.openContacts[contactId]) return 'gone';
  if (!rng.chance(caller.connected)) {
    const outcome = rng.chance(PERSON_ABSENT_SHARE_OF_FAILED) ? 'person_absent' : 'no_answer';
    client.run({ type: 'RecordCallAttempt', contactId, outcome, occurredAt: at.toISOString() }, actor, at);
    return 'retry';
  }
  const longOfConnected = caller.longOfDials / caller.connected;
  const r = rng.next();
  const durationSec =
    r < longOfConnected
      ? LONG_CALL_SEC + 1 + Math.round(rng.exponential(caller.longMeanSec - LONG_CALL_SEC - 1))
      : r < longOfConnected + UNDER_A_MINUTE_SHARE_OF_CONNECTED
        ? rng.int(10, 59)
        : Math.min(LONG_CALL_SEC - 1, Math.round(60 + rng.exponential(caller.shortMeanSec - 60)));
  const outcome = rng.chance(WITH_LOGIN_SHARE_OF_CONNECTED) ? 'connected_with_login' : 'connected';
  client.run(
    { type: 'RecordCallAttempt', contactId, outcome, durationSec, occurredAt: at.toISOString() },
    actor,
    at,
  );
  client.lastReached = client.world.time.dateOf(at);
  // «перезвоните»: under a minute nothing was done, the work stays open
  if (durationSec < 60) return 'retry';
  const end = new Date(at.getTime() + durationSec * 1000);
  const state = client.registered!;
  const debtor = state.responsible.role === 'KPP' && debtOf(state).unpaid > 0 && !openPromiseOf(state);
  if (debtor && (item.payment || rng.chance(0.5))) {
    if (rng.chance(REFUSAL_SHARE)) client.run({ type: 'RefusePaymentDate' }, actor, end);
    else promise(client, client.world.time.dateOf(at), actor, end);
  }
  if (!client.registered?.openContacts[contactId]) return 'gone';
  client.run(closing(caller.rng, contactId, item.payment, durationSec >= LONG_CALL_SEC), actor, end);
  return 'closed';
}

/** The closing reason and stages of a conversation [004]: engagement (4 or 5) in most calls. */
function closing(rng: Random, contactId: string, payment: boolean, long: boolean): CloseContact {
  const engaged = rng.chance(long ? ENGAGEMENT_IN_CALL_SHARE : ENGAGEMENT_IN_CALL_SHARE / 2);
  const stages = engaged ? [rng.chance(0.5) ? 4 : 5] : [];
  const closingReason = payment
    ? 'payment_work'
    : long
      ? rng.weighted({
          stage_4: 3,
          stage_5: 3,
          new_features: 2,
          stage_2: 1,
          stage_3: 1,
          stage_6: 1,
          task_work: 1,
        })
      : rng.weighted({
          stage_6: 2,
          task_work: 2,
          new_features: 1,
          technical_problem: 1,
          changed_circumstances: 0.3,
        });
  if (long && rng.chance(0.2)) stages.push(rng.pick([2, 3, 6]));
  return { type: 'CloseContact', contactId, closingReason, stages, instrumentsUsed: [] };
}
