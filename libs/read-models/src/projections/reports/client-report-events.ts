import {
  ClientState,
  DEFAULT_DETERIORATION_SETTINGS,
  DEFAULT_NECESSITY_SETTINGS,
  DeteriorationSettings,
  DeteriorationSign,
  NecessitySettings,
  NecessitySigns,
  RegisteredClient,
  activityFalling,
  debtOf,
  CLIENT_EVENT_TYPES,
  ClientEvent,
  cloneState,
  debtOverOneMonth,
  evolveOwned,
  loyaltySegmentOf,
  necessityOf,
  necessitySigns,
  servicesUnused,
  usedService,
} from '@ledger/domain';
import type { UsageObservation } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/eventstore';
import type { ReportBuffers } from './report-buffers';
import { ReportMemory, dayIn } from './report-memory';

export interface ReportProjectionSettings {
  necessity: NecessitySettings;
  deterioration: DeteriorationSettings;
  /** The РИЦ's zone, whose calendar dates the reports count in. */
  timeZoneOf: (ric: string) => string;
}

export const DEFAULT_REPORT_PROJECTION_SETTINGS: ReportProjectionSettings = {
  necessity: DEFAULT_NECESSITY_SETTINGS,
  deterioration: DEFAULT_DETERIORATION_SETTINGS,
  timeZoneOf: () => 'Europe/Moscow',
};

/** What people do about a client: the first of these after a sign is the reaction to it [002]. */
const ACTIONS = new Set([
  'ContactPlanned',
  'CallAttempted',
  'ContactClosed',
  'PaymentPromiseRecorded',
  'ThreatRaised',
  'HandedOverToPM',
  'DecisionMakerEmailSent',
  'DecisionMakerCalled',
  'CompetitorDiagnosed',
]);
const PEOPLE = new Set(['KPP', 'PM', 'ROS']);
const CONNECTED = new Set(['connected', 'connected_with_login']);
const DECIDING = ['decision_maker', 'influencer'];

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The state at a stream version, kept aside while the fold goes on (a snapshot, ADR 0070). */
export interface StateSnapshot {
  version: number;
  state: ClientState;
}

/**
 * One client's fresh events into the report tables: its state is folded event by event (the
 * domain's own evolve), so each figure is the one of that moment whatever the batch boundaries —
 * a rebuild writes the same rows. With `snapshotEvery`, the state at the last version of the batch
 * that is a multiple of it, or that erased a contact person, is returned too: what is stored then
 * depends on the stream alone.
 */
export function projectClientEvents(
  settings: ReportProjectionSettings,
  buffers: ReportBuffers,
  key: { ric: string; clientId: string },
  start: { state: ClientState; memory: ReportMemory },
  events: readonly RecordedEvent[],
  snapshotEvery?: number,
): { state: ClientState; memory: ReportMemory; snapshot?: StateSnapshot } {
  let snapshot: StateSnapshot | undefined;
  const { ric, clientId } = key;
  const zone = settings.timeZoneOf(ric);
  const memory = start.memory;
  // one private copy per batch, then folded in place (the domain's evolveOwned): copying the whole
  // state for every event was most of this projection's CPU (ADR 0070). What the figures need of
  // the state before an event is taken out before it is applied.
  let state = cloneState(start.state);
  for (const event of events) {
    const data = event.data as Data;
    const before = beforeOf(state, event.type, data);
    if (CLIENT_EVENT_TYPES.has(event.type))
      state = evolveOwned(state, event as unknown as ClientEvent, {
        occurredAt: event.metadata.occurredAt,
        eventId: event.metadata.eventId,
      });
    // an erasure (152-ФЗ) is a snapshot too: an older one would keep the person's data in the table
    if (
      snapshotEvery &&
      (event.streamVersion % snapshotEvery === 0 || event.type === 'ContactPersonErased')
    ) {
      // kept as it is now: the fold goes on in a copy of its own
      snapshot = { version: event.streamVersion, state };
      state = cloneState(state);
    }
    if (state.status !== 'registered') continue;
    const client: RegisteredClient = state;
    const at = event.metadata.occurredAt;
    const day = dayIn(zone, at);
    const actor = event.metadata.actor as { id: string; role: string };
    const row = { ric, client_id: clientId };

    const seen = (sign: DeteriorationSign) => {
      if (memory.open[sign]) return; // still waiting for a reaction to the first signal
      memory.open[sign] = at;
      buffers.deterioration.put({
        ...row,
        sign,
        first_seen_at: at,
        kpp_id: client.kppId,
        pm_id: client.pmId,
      });
    };
    // a person's action answers every sign seen before it
    if (ACTIONS.has(event.type) && PEOPLE.has(actor.role)) {
      for (const [sign, seenAt] of Object.entries(memory.open)) {
        if (!seenAt || seenAt > at) continue;
        buffers.deterioration.put({ ...row, sign, first_seen_at: seenAt, first_action_at: at });
        delete memory.open[sign as DeteriorationSign];
      }
    }

    switch (event.type) {
      case 'ContactPlanned':
        buffers.contacts.put({
          ...row,
          contact_id: data.contactId,
          employee_id: data.assignee?.employeeId,
          kind: data.kind,
          reason: data.reason,
          planned_at: data.plannedAt,
          instruments_planned: (data.instrumentsPlanned ?? []).length,
        });
        break;
      case 'CallAttempted': {
        // the dial is the caller's; one logged by РОС counts for the contact's assignee
        const dialer =
          actor.role === 'KPP' || actor.role === 'PM' ? actor.id : (before.assigneeId ?? actor.id);
        buffers.attempts.put({
          ...row,
          stream_version: event.streamVersion,
          contact_id: data.contactId,
          employee_id: dialer,
          occurred_on: day,
          outcome: data.outcome,
          duration_sec: data.durationSec ?? null,
        });
        if (CONNECTED.has(data.outcome) && !memory.connected.includes(data.contactId)) {
          memory.connected.push(data.contactId);
          buffers.contacts.put({ ...row, contact_id: data.contactId, connected: true });
        }
        break;
      }
      case 'ContactClosed':
      case 'ContactMissed':
      case 'ContactNotOwed': {
        const connected = memory.connected.includes(data.contactId);
        memory.connected = memory.connected.filter((c) => c !== data.contactId);
        const endKind =
          event.type === 'ContactClosed' ? 'closed' : event.type === 'ContactMissed' ? 'missed' : 'not_owed';
        buffers.contacts.put({
          ...row,
          contact_id: data.contactId,
          ended_at: at,
          ended_on: day,
          end_kind: endKind,
          closing_reason: data.closingReason ?? null,
          instruments_used: event.type === 'ContactClosed' ? (data.instrumentsUsed ?? []).length : null,
          // an older closing without the planned list keeps the count its planning gave
          instruments_planned: Array.isArray(data.instrumentsPlanned) ? data.instrumentsPlanned.length : null,
          connected,
        });
        if (endKind === 'not_owed') break; // not a work: the planner never showed it
        memory.failedWorksInRow = connected ? 0 : memory.failedWorksInRow + 1;
        if (memory.failedWorksInRow === 2) seen('no_key_contact');
        if (data.closingReason === 'changed_circumstances') seen('reorganisation');
        break;
      }
      case 'PaymentPromiseRecorded':
        buffers.promises.put({
          ...row,
          promise_id: data.promiseId,
          employee_id: actor.id,
          promised_on: data.promisedOn,
          target: data.target,
          status: 'open',
          paid_in_time: 0,
        });
        break;
      case 'PaymentPromiseKept':
      case 'PaymentPromiseBreachCorrected':
        buffers.promises.put({
          ...row,
          promise_id: data.promiseId,
          status: 'kept',
          paid_in_time: data.paidInTime,
        });
        break;
      case 'PaymentPromiseBroken':
        buffers.promises.put({
          ...row,
          promise_id: data.promiseId,
          status: 'broken',
          paid_in_time: data.paidInTime,
        });
        seen('solvency_falling');
        break;
      case 'PaymentDateRefused':
        seen('solvency_falling');
        break;
      case 'CompetitorDiagnosed':
        buffers.diagnoses.put({
          ...row,
          stream_version: event.streamVersion,
          diagnosed_on: day,
          competitor: data.competitor,
          systems: data.competitors ?? [],
        });
        break;
      case 'UsageObserved': {
        buffers.usageWeeks.put(usageWeekRow(ric, clientId, client, data as UsageObservation));
        const falling = activityFalling(client.usage, settings.deterioration);
        if (falling && !memory.activityFalling) seen('activity_falling');
        memory.activityFalling = falling;
        const unused = servicesUnused(client.usage, settings.deterioration);
        if (unused && !memory.servicesUnused) seen('services_unused');
        memory.servicesUnused = unused;
        break;
      }
      case 'KeyUserChanged':
        seen('key_person_changed');
        break;
      case 'ContactPersonAdded':
      case 'ContactPersonChanged': {
        const previous = before.contactPersons ?? {};
        const old = previous[data.contactPersonId]?.roles ?? [];
        const roles: string[] = data.roles ?? old;
        const hadDeciding = Object.values(previous).some((p) => p.roles.some((r) => DECIDING.includes(r)));
        const changed = DECIDING.some((r) => old.includes(r as never) !== roles.includes(r));
        // a new ЛПР/ЛВПР where there was one, or one who stops being it: the people changed
        if (changed && (event.type === 'ContactPersonChanged' || hadDeciding)) seen('key_person_changed');
        break;
      }
    }

    const debtOver = debtOverOneMonth(debtOf(client), settings.necessity.debtOverMonths);
    if (debtOver && !memory.debtOverOneMonth) seen('solvency_falling');
    memory.debtOverOneMonth = debtOver;

    const signs = necessitySigns(client, settings.necessity);
    if (signs) {
      const indicator = necessityOf(signs, settings.necessity.weights);
      const written = necessityText(indicator, signs);
      if (written !== memory.necessity) {
        memory.necessity = written;
        memory.necessityNow = { from: at, indicator, signs };
        buffers.necessity.put({ ...row, valid_from: at, indicator, signs });
      }
    }
  }
  return snapshot ? { state, memory, snapshot } : { state, memory };
}

/**
 * `JSON.stringify([indicator, signs])` — the text the memory keeps to tell a changed necessity —
 * built by hand: the library call for every event was the costliest line of this fold (ADR 0070,
 * fourth pass). Anything but a finite indicator and boolean signs takes the library call.
 */
export function necessityText(indicator: number, signs: NecessitySigns): string {
  if (!Number.isFinite(indicator)) return JSON.stringify([indicator, signs]);
  let text = `[${indicator},{`;
  let first = true;
  for (const name in signs) {
    const value = signs[name as keyof NecessitySigns];
    if (typeof value !== 'boolean') return JSON.stringify([indicator, signs]);
    text += first ? `"${name}":${value}` : `,"${name}":${value}`;
    first = false;
  }
  return `${text}}]`;
}

function usageWeekRow(ric: string, clientId: string, client: RegisteredClient, week: UsageObservation) {
  const activity = week.serviceActivity;
  return {
    ric,
    client_id: clientId,
    week_start: week.weekStart,
    kpp_id: client.kppId,
    pm_id: client.pmId,
    logins: week.logins ?? null,
    portal_requests: week.portalRequests,
    portal_lowest_rating: week.portalLowestRating ?? null,
    hotline_requests: week.hotlineRequests,
    trained_share: week.trainedShare,
    webinars: week.webinars,
    seminar_certificates: week.seminarCertificates ?? 0,
    departments_trained_below_half: week.departmentsTrainedBelowHalf ?? null,
    portal_departments: week.portalDepartments ?? [],
    competitor: week.competitor,
    document_orders: activity?.documentOrders ?? 0,
    online_orders: activity?.onlineOrders ?? 0,
    consulting_line_requests: activity?.consultingLineRequests ?? 0,
    selection_orders: activity?.selectionOrders ?? 0,
    trained_users: activity?.trainedUsers ?? 0,
    online_dialog_requests: activity?.onlineDialogRequests ?? 0,
    personal_account_registered: activity?.personalAccountRegistered ? 1 : 0,
    tech_support_requests: activity?.techSupportRequests ?? 0,
    service_used: usedService(week),
    segment: loyaltySegmentOf(week),
  };
}

/** What the figures of an event read of the state before it, taken out before it is applied in place. */
function beforeOf(
  state: ClientState,
  type: string,
  data: Data,
): { assigneeId?: string; contactPersons?: RegisteredClient['contactPersons'] } {
  if (state.status !== 'registered') return NOTHING_BEFORE;
  if (type === 'CallAttempted')
    return { assigneeId: state.openContacts[data.contactId]?.assignee.employeeId };
  // the map is changed in place, its entries replaced (never changed: cloneState shares them)
  if (type === 'ContactPersonAdded' || type === 'ContactPersonChanged')
    return { contactPersons: { ...state.contactPersons } };
  return NOTHING_BEFORE;
}

/** Most events read nothing of the state before them: one shared empty answer, not one per event. */
const NOTHING_BEFORE = Object.freeze({});
