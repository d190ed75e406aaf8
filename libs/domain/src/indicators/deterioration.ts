import { usedService } from './loyalty-segment';
import type { WeeklyFacts } from './weekly-facts';

/**
 * Signs that a client is slipping [002] («Признаки, указывающие на ухудшение ситуации с клиентом»),
 * each seen on a day; «важна скорость реакции на сигнал двух отделов» — the report measures the
 * time until someone acted. ADR 0052 says which event shows which sign.
 */
export type DeteriorationSign =
  | 'solvency_falling' // снижение платежеспособности
  | 'no_key_contact' // отсутствие контакта с ключевым пользователем, ЛПР, ЛВПР
  | 'activity_falling' // отсутствие/снижение активности онлайн-комплекта
  | 'services_unused' // не пользуется сервисами
  | 'key_person_changed' // смена ключевого пользователя, ЛПР, ЛВПР
  | 'reorganisation'; // реорганизация, ликвидация

export const DETERIORATION_SIGNS: Record<DeteriorationSign, true> = {
  solvency_falling: true,
  no_key_contact: true,
  activity_falling: true,
  services_unused: true,
  key_person_changed: true,
  reorganisation: true,
};

export interface DeteriorationSettings {
  /** Logins below this share of the mean of the previous known weeks: activity falling. */
  activityDropShare: number;
  /** How many previous weeks with known logins the mean takes. */
  activityBaselineWeeks: number;
  /** Weeks without any service (ЛК, hotline, webinars, [000]'s services) before the sign shows. */
  servicesUnusedWeeks: number;
}

export const DEFAULT_DETERIORATION_SETTINGS: DeteriorationSettings = {
  activityDropShare: 0.5,
  activityBaselineWeeks: 4,
  servicesUnusedWeeks: 13,
};

/**
 * Activity falling in the latest week: its logins are known and below the share of the mean of
 * the previous known weeks (a mean of zero cannot fall). Weeks oldest first.
 */
export function activityFalling(
  weeks: readonly WeeklyFacts[],
  settings: DeteriorationSettings = DEFAULT_DETERIORATION_SETTINGS,
): boolean {
  const latest = weeks[weeks.length - 1];
  if (!latest || latest.logins === undefined || latest.logins === null) return false;
  const before = weeks
    .slice(0, -1)
    .filter((w) => w.logins !== undefined && w.logins !== null)
    .slice(-settings.activityBaselineWeeks);
  if (before.length < settings.activityBaselineWeeks) return false;
  const mean = before.reduce((n, w) => n + (w.logins ?? 0), 0) / before.length;
  return mean > 0 && latest.logins < mean * settings.activityDropShare;
}

/** Services unused: the latest `servicesUnusedWeeks` weeks all without any service or webinar. */
export function servicesUnused(
  weeks: readonly WeeklyFacts[],
  settings: DeteriorationSettings = DEFAULT_DETERIORATION_SETTINGS,
): boolean {
  const recent = weeks.slice(-settings.servicesUnusedWeeks);
  return (
    recent.length >= settings.servicesUnusedWeeks && recent.every((w) => !usedService(w) && w.webinars === 0)
  );
}

/** Hours between two instants, to one decimal. */
export const reactionHours = (seenAt: string, actedAt: string): number =>
  Math.round((Date.parse(actedAt) - Date.parse(seenAt)) / 360_000) / 10;
