import type { UsageObservation } from '../usage/events';
import type { ContactPersonRole } from '../contact-persons/events';
import {
  DEFAULT_NECESSITY_SETTINGS,
  NecessitySettings,
  necessityOf,
  necessitySigns,
} from '../indicators/contact-necessity';
import type { PromiseRecord } from '../receivables/state';
import type { RegisteredClient } from './state';

/**
 * The parts of the client card (карточка клиента) an app needs to work without reading the raw
 * history: whom to call, where, what is open and how urgent the client is. All derived from the
 * state the domain folds; nothing here is a rule of its own.
 */
export interface CardContactPerson {
  contactPersonId: string;
  name: string;
  roles: ContactPersonRole[];
  phones: string[];
  emails: string[];
  position?: string;
}

export interface CardServicePoint {
  /** `main` is the client's own point; the others were added (ТО). */
  servicePointId: string;
  name?: string;
  contactCadence: string;
}

export interface CardOpenContact {
  contactId: string;
  kind: 'planned' | 'unplanned';
  reason: string;
  plannedAt: string;
  servicePointId: string;
  contactPersonId?: string;
  assignee: { role: 'KPP' | 'PM'; employeeId: string };
  instrumentsPlanned: string[];
  /** Call attempts (дозвоны) made so far. */
  attempts: number;
  lastOutcome?: string;
  /** The callback agreed on the last attempt (+15/+30/+60), when there is one. */
  callbackAt?: string;
}

/** The contact necessity indicator and its signs, named as in the contact-necessity report (API.md). */
export interface CardContactNecessity {
  indicator: number;
  signs: {
    renewalPeriod: boolean;
    debt: boolean;
    unreturnedActs: boolean;
    noSystemUse: boolean;
    noUpdates: boolean;
    hotlinePortalUnused: boolean;
    trainingNotMet: boolean;
  };
}

/** When the open promise's timers fire: the reminder call, and the check that keeps or breaks it. */
export interface PromiseDeadlines {
  reminderAt?: string;
  /** End of the agreed day: not covered by payments dated in time by then, the promise breaks. */
  breaksAt?: string;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const cardContactPersons = (client: RegisteredClient): CardContactPerson[] =>
  Object.values(client.contactPersons)
    .sort((a, b) => byId(a.contactPersonId, b.contactPersonId))
    .map((p) => ({
      contactPersonId: p.contactPersonId,
      name: p.name,
      roles: p.roles,
      phones: p.phones,
      emails: p.emails,
      ...(p.position ? { position: p.position } : {}),
    }));

export const cardServicePoints = (client: RegisteredClient): CardServicePoint[] => [
  { servicePointId: 'main', contactCadence: client.contactCadence },
  ...Object.values(client.servicePoints)
    .sort((a, b) => byId(a.servicePointId, b.servicePointId))
    .map((p) => ({ servicePointId: p.servicePointId, name: p.name, contactCadence: p.contactCadence })),
];

export const cardOpenContacts = (client: RegisteredClient): CardOpenContact[] =>
  Object.values(client.openContacts)
    .sort((a, b) => byId(a.plannedAt, b.plannedAt) || byId(a.contactId, b.contactId))
    .map((c) => ({
      contactId: c.contactId,
      kind: c.kind,
      reason: c.reason,
      plannedAt: c.plannedAt,
      servicePointId: c.servicePointId ?? 'main',
      ...(c.contactPersonId ? { contactPersonId: c.contactPersonId } : {}),
      assignee: c.assignee,
      instrumentsPlanned: c.instrumentsPlanned,
      attempts: c.attempts,
      ...(c.lastOutcome ? { lastOutcome: c.lastOutcome } : {}),
      ...(c.callbackAt ? { callbackAt: c.callbackAt } : {}),
    }));

export function cardContactNecessity(
  client: RegisteredClient,
  settings: NecessitySettings = DEFAULT_NECESSITY_SETTINGS,
): CardContactNecessity {
  const s = necessitySigns(client, settings)!;
  return {
    indicator: necessityOf(s, settings.weights),
    signs: {
      renewalPeriod: s.renewalPeriodStarted,
      debt: s.debt,
      unreturnedActs: s.unreturnedActs,
      noSystemUse: s.noSystemUse,
      noUpdates: s.noUpdates,
      hotlinePortalUnused: s.hotlineAndPortalNotUsed,
      trainingNotMet: s.trainingNormNotMet,
    },
  };
}

/** The pending timers of a promise (durable deadlines the workflows set). */
export function promiseDeadlines(client: RegisteredClient, promise: PromiseRecord): PromiseDeadlines {
  const due = Object.values(client.deadlines).find(
    (d) => d.promiseId === promise.promiseId && d.kind === 'promise_due',
  );
  // a reminder is owed while scheduled or due (on the planner); done or not asked for: none
  const reminderOwed = promise.reminder === 'scheduled' || promise.reminder === 'due';
  return {
    ...(reminderOwed && promise.reminderAt ? { reminderAt: promise.reminderAt } : {}),
    ...(due ? { breaksAt: due.dueAt } : {}),
  };
}

/** The latest week of usage the CRM reported, or null before the first. */
export const latestUsageWeek = (client: RegisteredClient): UsageObservation | null =>
  client.usage[client.usage.length - 1] ?? null;
