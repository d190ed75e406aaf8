import type { ClientState } from '../client/state';
import { addDays, mondayOf } from '../shared/dates';
import { debtOf } from '../receivables/debt';

/**
 * Cyclic format [003]: full weeks (every client is called) and diagnostic weeks alternate; in a
 * diagnostic week only the clients failing a criterion enter the planner.
 */
export type WeekKind = 'full' | 'diagnostic';

export type DiagnosticCriterion =
  | 'no_usage_data' // nothing imported yet: nothing says the client is fine
  | 'no_logins_last_week' // нет входов за последнюю неделю
  | 'key_user_not_trained' // нет обучения у ключевого пользователя
  | 'no_consultation_request_2_months' // нет обращений на ЦКП за 2 месяца
  | 'debt' // есть задолженность
  | 'no_newsletter_clicks' // нет переходов из новостной рассылки
  | 'no_video_consultant_clicks' // нет переходов в ВидеоКонсультант
  | 'competitor_present'; // есть конкурент

const WEEK = 7 * 86_400_000;

/** The kind of the week a date falls in, counting from a Monday that began a full week. */
export function weekKindOf(date: string, firstFullWeek: string): WeekKind {
  const weeks = Math.round(
    (Date.parse(`${mondayOf(date)}T00:00:00Z`) - Date.parse(`${mondayOf(firstFullWeek)}T00:00:00Z`)) / WEEK,
  );
  return ((weeks % 2) + 2) % 2 === 0 ? 'full' : 'diagnostic';
}

/** The criteria of [003] a client fails, from its latest usage observations and its debt. */
export function diagnosticFailures(state: ClientState): DiagnosticCriterion[] {
  if (state.status !== 'registered') return [];
  const failures: DiagnosticCriterion[] = [];
  const latest = state.usage[state.usage.length - 1];
  if (!latest) failures.push('no_usage_data');
  if (latest) {
    if (latest.logins === 0) failures.push('no_logins_last_week');
    if (latest.trainedShare <= 0) failures.push('key_user_not_trained');
    // about two months: the last nine weekly observations
    if (state.usage.slice(-9).every((u) => u.portalRequests === 0))
      failures.push('no_consultation_request_2_months');
  }
  if (debtOf(state).unpaid > 0) failures.push('debt');
  if (latest) {
    if (latest.newsletterClicks === 0) failures.push('no_newsletter_clicks');
    if (latest.videoClicks === 0) failures.push('no_video_consultant_clicks');
    if (latest.competitor === 'yes') failures.push('competitor_present');
  }
  return failures;
}

/** Whether any day from `from` to `to` (dates, inclusive) falls in a full week. */
export function touchesFullWeek(from: string, to: string, firstFullWeek: string): boolean {
  for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) {
    if (weekKindOf(monday, firstFullWeek) === 'full') return true;
  }
  return false;
}
