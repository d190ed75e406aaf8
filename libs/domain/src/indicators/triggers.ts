import type { PortalDepartment } from '../usage/events';
import { addDays } from '../shared/dates';
import { WeeklyFacts, latestWeek, sumKnown, weeksInWindow } from './weekly-facts';

/**
 * «Отчёт по триггерам» [001], the nine parameters of a client as of a day. Windows count whole
 * weeks (weekly-facts.ts); figures no week knows are `null` (unknown), never zero.
 */
export interface TriggerSettings {
  portalDays: number;
  loginDays: number;
  ratingDays: number;
  failedWorksDays: number;
  certificateDays: number;
}

export const DEFAULT_TRIGGER_SETTINGS: TriggerSettings = {
  portalDays: 90,
  loginDays: 30,
  ratingDays: 30,
  failedWorksDays: 60,
  certificateDays: 365,
};

/** A work (contact) that ended: closed or missed; failed = no attempt connected («контакт не состоялся»). */
export interface EndedWork {
  endedOn: string;
  failed: boolean;
}

export interface TriggerInputs {
  weeks: readonly WeeklyFacts[];
  /** The works that ended, in any order. */
  works: readonly EndedWork[];
  /** Competitor from the latest `CompetitorDiagnosed` on or before the day, if any. */
  diagnosedCompetitor?: 'yes' | 'no' | 'unknown';
  debtOverOneMonth: boolean;
  newsletterSubscribers: number;
}

export interface Triggers {
  /** 1. departments (accounting, legal, procurement) that used the ЛК in 90 days. */
  portalDepartments90d: PortalDepartment[];
  /** 2. logins in 30 days; null when no week of them knows the logins. */
  logins30d: number | null;
  /** 3. the lowest ЛК rating in 30 days. */
  lowestPortalRating30d: number | null;
  /** 4. departments trained at or below half (the latest week that says). */
  departmentsTrainedBelowHalf: number | null;
  /** 5. a competitor present: the latest diagnosis, else the latest import. */
  competitor: 'yes' | 'no' | 'unknown';
  /** 6. the last two works both failed and both ended within 60 days. */
  lastTwoWorksFailed60d: boolean;
  /** 7. debt over one month including the current one. */
  debtOverOneMonth: boolean;
  /** 8. contact persons subscribed to the newsletter. */
  newsletterSubscribers: number;
  /** 9. seminar-training certificates in 365 days. */
  seminarCertificates365d: number;
}

const DEPARTMENTS: PortalDepartment[] = ['accounting', 'legal', 'procurement'];

export function triggersOf(
  inputs: TriggerInputs,
  asOf: string,
  settings: TriggerSettings = DEFAULT_TRIGGER_SETTINGS,
): Triggers {
  const { weeks } = inputs;
  const used = new Set(
    weeksInWindow(weeks, asOf, settings.portalDays).flatMap((w) => w.portalDepartments ?? []),
  );
  const ratings = weeksInWindow(weeks, asOf, settings.ratingDays)
    .map((w) => w.portalLowestRating)
    .filter((r): r is number => r !== undefined && r !== null);
  const trainedBelowHalf = [...weeks]
    .filter((w) => w.weekStart <= asOf && w.departmentsTrainedBelowHalf !== undefined)
    .sort((a, b) => (a.weekStart < b.weekStart ? 1 : -1))[0];
  return {
    portalDepartments90d: DEPARTMENTS.filter((d) => used.has(d)),
    logins30d: sumKnown(weeksInWindow(weeks, asOf, settings.loginDays).map((w) => w.logins)) ?? null,
    lowestPortalRating30d: ratings.length ? Math.min(...ratings) : null,
    departmentsTrainedBelowHalf: trainedBelowHalf?.departmentsTrainedBelowHalf ?? null,
    competitor: inputs.diagnosedCompetitor ?? latestWeek(weeks, asOf)?.competitor ?? 'unknown',
    lastTwoWorksFailed60d: lastTwoWorksFailed(inputs.works, asOf, settings.failedWorksDays),
    debtOverOneMonth: inputs.debtOverOneMonth,
    newsletterSubscribers: inputs.newsletterSubscribers,
    seminarCertificates365d: weeksInWindow(weeks, asOf, settings.certificateDays).reduce(
      (n, w) => n + (w.seminarCertificates ?? 0),
      0,
    ),
  };
}

/** «Переносы»: the two latest works ended on or before the day both failed, both within the window. */
export function lastTwoWorksFailed(works: readonly EndedWork[], asOf: string, days: number): boolean {
  const lastTwo = works
    .filter((w) => w.endedOn <= asOf)
    .sort((a, b) => (a.endedOn < b.endedOn ? 1 : a.endedOn > b.endedOn ? -1 : 0))
    .slice(0, 2);
  const from = addDays(asOf, 1 - days);
  return lastTwo.length === 2 && lastTwo.every((w) => w.failed && w.endedOn >= from);
}
