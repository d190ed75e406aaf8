import { noStreaks, stepStreaks, streaksOf, toKopecks, unpaidAmount } from '../receivables/receivables';
import { ClientEvent, CLIENT_EVENT_TYPES } from './client-events';
import { ClientState, initialClientState, PromiseRecord, RegisteredClient } from './client-state';

/** Weeks of usage kept in the state: enough for the two-month criteria. */
const USAGE_WEEKS_KEPT = 13;

/** The facts an evolve step may need besides the event itself. */
export interface EventFacts {
  occurredAt: string;
  eventId: string;
}

/** The state after one more event. Pure: the given state is left as it was. */
export function evolve(state: ClientState, event: ClientEvent, facts: EventFacts): ClientState {
  return apply(cloneState(state), event, facts);
}

export interface FoldableEvent {
  type: string;
  data: unknown;
  metadata: { occurredAt: string; eventId: string };
}

/**
 * The state after a stream's events; events of types this version does not know are passed over.
 * Copies `from` once and then applies each event in place, so a replay costs the same per event
 * however long the history is.
 */
export function foldClient(
  events: readonly FoldableEvent[],
  from: ClientState = initialClientState,
): ClientState {
  let state = cloneState(from);
  for (const e of events) {
    if (!CLIENT_EVENT_TYPES.has(e.type)) continue;
    state = apply(state, e as ClientEvent, {
      occurredAt: e.metadata.occurredAt,
      eventId: e.metadata.eventId,
    });
  }
  return state;
}

/** A deep copy of the parts `apply` changes in place. */
export function cloneState(state: ClientState): ClientState {
  if (state.status !== 'registered') return state;
  const r = state.receivables;
  return {
    ...state,
    receivables: {
      ...r,
      invoiceIds: { ...r.invoiceIds },
      paymentIds: { ...r.paymentIds },
      promises: r.promises.map((p) => ({ ...p })),
      promiseIndex: { ...r.promiseIndex },
      unkept: [...r.unkept],
      streaks: { ...r.streaks },
    },
    threats: state.threats.map((t) => ({ ...t })),
    deadlines: { ...state.deadlines },
    transfer: { ...state.transfer },
    usage: [...state.usage],
    servicePoints: { ...state.servicePoints },
    contactPersons: Object.fromEntries(Object.entries(state.contactPersons).map(([id, p]) => [id, { ...p }])),
    openContacts: Object.fromEntries(Object.entries(state.openContacts).map(([id, c]) => [id, { ...c }])),
  };
}

/** Applies one event to a state this fold owns (changed in place where that is cheaper). */
function apply(state: ClientState, event: ClientEvent, facts: EventFacts): ClientState {
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
        promiseIndex: {},
        unkept: [],
        streaks: { ...noStreaks },
        brokenPromisesInRow: 0,
        onTimeMonthsInRow: 0,
      },
      threats: [],
      deadlines: {},
      transfer: {},
      openContacts: {},
      contactPersons: {},
      servicePoints: {},
      usage: [],
    };
  }
  if (state.status !== 'registered') return state;
  applyToClient(state, event, facts);
  return state;
}

function applyToClient(state: RegisteredClient, event: ClientEvent, facts: EventFacts): void {
  const r = state.receivables;
  switch (event.type) {
    case 'ClientRegistered':
      return;
    case 'DecisionMakerContactDue':
      state.decisionMakerContact = { month: event.data.month, step: 'email', since: facts.occurredAt };
      return;
    case 'DecisionMakerEmailSent':
      if (state.decisionMakerContact)
        state.decisionMakerContact = { ...state.decisionMakerContact, step: 'call', since: facts.occurredAt };
      return;
    case 'DecisionMakerCalled':
      delete state.decisionMakerContact;
      return;
    case 'CompetitorDiagnosticsDue':
      state.competitorDiagnosticsDue = { halfYear: event.data.halfYear, since: facts.occurredAt };
      return;
    case 'CompetitorDiagnosed':
      delete state.competitorDiagnosticsDue;
      state.lastCompetitor = {
        halfYear: event.data.halfYear,
        competitor: event.data.competitor,
        competitors: event.data.competitors,
      };
      return;
    case 'ServicePointAdded':
      state.servicePoints[event.data.servicePointId] = { ...event.data };
      return;
    case 'UsageObserved': {
      // one observation a week: a corrected import replaces that week's
      const usage = state.usage.filter((u) => u.weekStart !== event.data.weekStart);
      usage.push({ ...event.data });
      usage.sort((a, b) => (a.weekStart < b.weekStart ? -1 : 1));
      state.usage = usage.slice(-USAGE_WEEKS_KEPT);
      return;
    }
    case 'ContactPersonAdded':
      state.contactPersons[event.data.contactPersonId] = { ...event.data };
      return;
    case 'ContactPersonChanged': {
      const person = state.contactPersons[event.data.contactPersonId];
      if (person) Object.assign(person, event.data);
      return;
    }
    case 'KeyUserChanged':
      state.keyUserChangedAt = facts.occurredAt;
      return;
    case 'ClientLeftRemoteService':
      state.lifecycle = event.data.to;
      // nothing more is planned or owed for a client off remote service
      state.openContacts = {};
      delete state.decisionMakerContact;
      delete state.competitorDiagnosticsDue;
      delete state.engagementOverdueSince;
      return;
    case 'TransferToRemoteServiceStarted':
      state.lifecycle = 'transferring';
      state.transfer.startedAt = facts.occurredAt;
      return;
    case 'TransferLetterSent':
      state.transfer.letterSentAt = facts.occurredAt;
      return;
    case 'FinalEngineerVisitCompleted':
      state.transfer.engineerVisitAt = facts.occurredAt;
      return;
    case 'FirstRemoteCallCompleted':
      state.transfer.firstRemoteCallAt = facts.occurredAt;
      state.lifecycle = state.responsible.role === 'PM' ? 'escalated' : 'active';
      return;
    case 'ContactPlanned':
      state.openContacts[event.data.contactId] = {
        contactId: event.data.contactId,
        kind: event.data.kind,
        reason: event.data.reason,
        plannedAt: event.data.plannedAt,
        ...(event.data.contactPersonId ? { contactPersonId: event.data.contactPersonId } : {}),
        ...(event.data.servicePointId ? { servicePointId: event.data.servicePointId } : {}),
        assignee: event.data.assignee,
        instrumentsPlanned: event.data.instrumentsPlanned ?? [],
        attempts: 0,
      };
      return;
    case 'CallAttempted': {
      const contact = state.openContacts[event.data.contactId];
      if (contact) {
        contact.attempts += 1;
        contact.lastOutcome = event.data.outcome;
        delete contact.callbackAt;
      }
      return;
    }
    case 'CallbackScheduled': {
      const contact = state.openContacts[event.data.contactId];
      if (contact) contact.callbackAt = event.data.callbackAt;
      return;
    }
    case 'ContactClosed':
      // the ПМ's own contact answers a key-user change
      if (state.openContacts[event.data.contactId]?.assignee.role === 'PM') delete state.keyUserChangedAt;
      delete state.openContacts[event.data.contactId];
      return;
    case 'ContactMissed':
      delete state.openContacts[event.data.contactId];
      return;
    case 'StageCompleted':
      if (event.data.stage === 4 || event.data.stage === 5) {
        const month = event.data.onDate.slice(0, 7);
        if (!state.lastEngagementMonth || month > state.lastEngagementMonth)
          state.lastEngagementMonth = month;
        delete state.engagementOverdueSince;
      }
      return;
    case 'EngagementOverdue':
      state.engagementOverdueSince ??= facts.occurredAt;
      return;
    case 'InvoiceIssued':
      r.invoiced += toKopecks(event.data.amount);
      r.invoiceIds[event.data.invoiceId] = true;
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
      r.paymentIds[event.data.paymentId] = true;
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
      r.promiseIndex[d.promiseId] = r.promises.length;
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
    case 'ThreatRaised':
      state.threats.push({
        threatId: event.data.threatId,
        type: event.data.threatType,
        raisedEventId: facts.eventId,
        raisedAt: facts.occurredAt,
        open: true,
      });
      return;
    case 'ThreatResolved':
      for (const t of state.threats) if (t.threatId === event.data.threatId) t.open = false;
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
    case 'DeadlineSet':
      state.deadlines[event.data.deadlineId] = {
        kind: event.data.kind,
        dueAt: event.data.dueAt,
        ...(event.data.promiseId ? { promiseId: event.data.promiseId } : {}),
      };
      if (event.data.kind === 'payment_reminder' && event.data.promiseId) {
        withPromise(state, event.data.promiseId, (p) => (p.reminderAt = event.data.dueAt));
      }
      return;
    case 'DeadlineCancelled':
    case 'DeadlineFired':
      delete state.deadlines[event.data.deadlineId];
      return;
  }
}

function withPromise(state: RegisteredClient, promiseId: string, change: (p: PromiseRecord) => void): void {
  const index = state.receivables.promiseIndex[promiseId];
  if (index !== undefined) change(state.receivables.promises[index]!);
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

function setStreaks(state: RegisteredClient, streaks: RegisteredClient['receivables']['streaks']): void {
  state.receivables.streaks = streaks;
  state.receivables.brokenPromisesInRow = streaks.brokenPromisesInRow;
  state.receivables.onTimeMonthsInRow = streaks.onTimeMonthsInRow;
}

function closeFollowUps(state: RegisteredClient): void {
  const r = state.receivables;
  for (const i of r.unkept) r.promises[i]!.followUpOpen = false;
}
