/**
 * «Why» for an auditor (SPEC §6): one Russian sentence per automatic event, from its rule and the
 * evidence events it names, e.g. «Передан ПМ: два нарушенных обещания подряд — 20.03 и 27.03».
 * One function per rule code, in a record over the codes: a code without a sentence fails to compile.
 */
import type { DeadlineKind } from '../deadlines/events';
import { addDays } from '../shared/dates';

/** Every rule code the workflows and deciders write into `metadata.rule`. */
export const RULE_CODES = [
  'receivables.reminder_asked',
  'receivables.promise_checked_at_end_of_agreed_day',
  'receivables.promise_covered_in_time',
  'receivables.payment_reminder_due',
  'receivables.promise_not_covered_by_end_of_agreed_day',
  'receivables.promise_broken',
  'receivables.late_payment_dated_in_time',
  'receivables.payment_date_refused',
  'receivables.promise_beyond_limit',
  'receivables.broken_promises_twice',
  'receivables.debt_limit_reached',
  'receivables.threat_lifted',
  'contacts.cadence',
  'contacts.diagnostic_week_not_owed',
  'contacts.key_user_changed',
  'lifecycle.engagement_monthly',
  'lifecycle.left_remote_service',
  'pm.decision_maker_monthly',
  'pm.competitor_diagnostics_twice_a_year',
  'deadlines.due',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

/** The names of one area's rules: RuleOf<'receivables'> is 'reminder_asked' | 'promise_broken' | … */
export type RuleOf<Area extends string, Code extends string = RuleCode> = Code extends `${Area}.${infer Name}`
  ? Name
  : never;

export const isRuleCode = (rule: string): rule is RuleCode =>
  (RULE_CODES as readonly string[]).includes(rule);

/** An event as an explanation sees it. */
export interface ExplainedEvent {
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
}

export interface Explaining {
  event: ExplainedEvent;
  evidence: readonly ExplainedEvent[];
  /** The business date (YYYY-MM-DD) of an instant, in the РИЦ's zone. */
  dateOf: (instant: string) => string;
}

type Explain = (x: Explaining) => string;

/** 2026-03-20 → 20.03 */
export const dayMonth = (date: string): string => `${date.slice(8, 10)}.${date.slice(5, 7)}`;
/** 2026-03 → 03.2026 */
const monthYear = (month: string): string => `${month.slice(5, 7)}.${month.slice(0, 4)}`;
/** 12000.5 → «12 000,50 ₽» */
export const roubles = (amount: unknown): string => {
  const n = Number(amount ?? 0);
  const [whole, part] = Math.abs(n).toFixed(2).split('.') as [string, string];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${n < 0 ? '−' : ''}${grouped}${part === '00' ? '' : `,${part}`} ₽`;
};

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const of = (x: Explaining, type: string) => x.evidence.filter((e) => e.type === type);
const firstOf = (x: Explaining, type: string) => of(x, type)[0];
/** The agreed day of the promise an event or its evidence is about. */
const promisedOn = (x: Explaining): string =>
  str(x.event.data.promisedOn) ||
  str(x.evidence.find((e) => typeof e.data.promisedOn === 'string')?.data.promisedOn);
const onDay = (x: Explaining) => {
  const day = promisedOn(x);
  return day ? ` на ${dayMonth(day)}` : '';
};

/** What the event did, as the start of the sentence (handover rules write a threat and a handover). */
const HANDOVER_HEAD: Record<string, string> = {
  ThreatRaised: 'Угроза',
  HandedOverToPM: 'Передан ПМ',
};
const handover = (x: Explaining, why: string) => `${HANDOVER_HEAD[x.event.type] ?? 'Передача ПМ'}: ${why}`;

/**
 * A cadence timer by the day its instant begins (a period's end is the first instant of the next
 * day); every kind of it has its words (a Record over the kinds), and history is read as it is.
 */
const CADENCE_TIMERS: Record<Extract<DeadlineKind, `contact_period_${string}`>, (day: string) => string> = {
  contact_period_start: (day) => `начало периода ${dayMonth(day)}`,
  contact_period_end: (day) => `конец периода ${dayMonth(day)}`,
  contact_period_boundary: (day) =>
    `граница периодов: период кончается ${dayMonth(addDays(day, -1))}, следующий начинается ${dayMonth(day)}`,
};
const cadenceTimer = (kind: string, day: string): string =>
  (CADENCE_TIMERS as Record<string, (day: string) => string>)[kind]?.(day) ?? `срок ${dayMonth(day)}`;

const EXPLAIN: Record<RuleCode, Explain> = {
  'receivables.reminder_asked': (x) =>
    `Назначено напоминание об оплате на ${dayMonth(x.dateOf(str(x.event.data.dueAt)))}: клиент попросил напомнить (обещание${onDay(x)})`,
  'receivables.promise_checked_at_end_of_agreed_day': (x) =>
    `Обещание${onDay(x)} будет проверено в конце обещанного дня`,
  'receivables.promise_covered_in_time': (x) =>
    x.event.type === 'PaymentPromiseKept'
      ? `Обещание${onDay(x)} выполнено: в срок оплачено ${roubles(x.event.data.paidInTime)}`
      : `Срок обещания${onDay(x)} снят: оплата пришла в срок`,
  'receivables.payment_reminder_due': (x) => `Пора напомнить об оплате: обещание${onDay(x)}`,
  'receivables.promise_not_covered_by_end_of_agreed_day': (x) =>
    `Обещание${onDay(x)} нарушено: к концу дня оплачено ${roubles(x.event.data.paidInTime)} из ${roubles(x.event.data.target)}; повторный звонок до ${dayMonth(str(x.event.data.followUpDueOn))}`,
  'receivables.promise_broken': (x) => `Напоминание снято: обещание${onDay(x)} уже нарушено`,
  'receivables.late_payment_dated_in_time': (x) =>
    `Нарушение обещания${onDay(x)} исправлено: платёж датирован сроком, в срок оплачено ${roubles(x.event.data.paidInTime)}`,
  'receivables.payment_date_refused': (x) => {
    const refused = firstOf(x, 'PaymentDateRefused');
    return handover(
      x,
      `клиент отказался назвать дату оплаты${refused ? ` — ${dayMonth(x.dateOf(refused.occurredAt))}` : ''}`,
    );
  },
  'receivables.promise_beyond_limit': (x) => {
    const promise = firstOf(x, 'PaymentPromiseRecorded');
    const months = promise ? String(promise.data.projectedDebtMonths).replace('.', ',') : '';
    return handover(
      x,
      `обещание${onDay(x)} доводит долг до ${months} мес. абонентской платы — не меньше 2,8`,
    );
  },
  'receivables.broken_promises_twice': (x) => {
    const days = of(x, 'PaymentPromiseBroken').map((e) => dayMonth(str(e.data.promisedOn)));
    return handover(x, `два нарушенных обещания подряд — ${days.join(' и ')}`);
  },
  'receivables.debt_limit_reached': (x) => {
    const invoice = firstOf(x, 'InvoiceIssued');
    return handover(
      x,
      `долг достиг 2,8 месяца абонентской платы${invoice ? ` после счёта от ${dayMonth(str(invoice.data.issuedOn))} на ${roubles(invoice.data.amount)}` : ''}`,
    );
  },
  'receivables.threat_lifted': (x) => {
    const kept = [...of(x, 'PaymentPromiseRecorded')].map((e) => dayMonth(str(e.data.promisedOn)));
    const why = `долг ниже 2,8 месяца и два месяца подряд оплата в срок${kept.length ? ` (обещания на ${kept.join(' и ')})` : ''}`;
    return x.event.type === 'ReturnedToKPP' ? `Возвращён КПП: ${why}` : `Угроза снята: ${why}`;
  },
  'contacts.cadence': (x) => {
    switch (x.event.type) {
      case 'ContactPlanned':
        return `Запланирован плановый контакт на ${dayMonth(x.dateOf(str(x.event.data.plannedAt)))} по графику контактов`;
      case 'ContactMissed':
        return `Плановый контакт не состоялся в свой период (до ${dayMonth(x.dateOf(str(x.event.data.periodEnd)))}): вместо него — внеплановый`;
      case 'DeadlineSet':
        return `По графику контактов: ${cadenceTimer(str(x.event.data.kind), x.dateOf(str(x.event.data.dueAt)))}`;
      default:
        return 'По графику контактов';
    }
  },
  'contacts.diagnostic_week_not_owed': () =>
    'Плановый контакт не нужен: весь его период пришёлся на диагностические недели, и клиент не нарушил ни одного критерия',
  'contacts.key_user_changed': () => 'Сменился ключевой пользователь: ПМ связывается с клиентом сам',
  'lifecycle.engagement_monthly': (x) =>
    x.event.type === 'EngagementOverdue'
      ? `Месяц ${monthYear(str(x.event.data.month))} прошёл без вовлечения (этап 4 или 5): КПП должен вовлечь клиента`
      : `Проверка вовлечения назначена на конец месяца — ${dayMonth(x.dateOf(str(x.event.data.dueAt)))}`,
  'lifecycle.left_remote_service': (x) => {
    const left = firstOf(x, 'ClientLeftRemoteService');
    return `Срок снят: клиент ушёл с дистанционного сервиса${left ? ` ${dayMonth(x.dateOf(left.occurredAt))}` : ''}`;
  },
  'pm.decision_maker_monthly': (x) =>
    x.event.type === 'DecisionMakerContactDue'
      ? `Пора связаться с ЛПР: ежемесячный контакт ПМ за ${monthYear(str(x.event.data.month))}`
      : `Ежемесячный контакт ПМ с ЛПР: срок ${dayMonth(x.dateOf(str(x.event.data.dueAt)))}`,
  'pm.competitor_diagnostics_twice_a_year': (x) =>
    x.event.type === 'CompetitorDiagnosticsDue'
      ? `Пора провести диагностику конкурентов за полугодие ${str(x.event.data.halfYear)}`
      : `Диагностика конкурентов дважды в год: срок ${dayMonth(x.dateOf(str(x.event.data.dueAt)))}`,
  'deadlines.due': (x) =>
    `Сработал срок «${DEADLINE_KINDS[str(x.event.data.kind) as DeadlineKind] ?? str(x.event.data.kind)}», назначенный на ${dayMonth(x.dateOf(str(x.event.data.dueAt)))}`,
};

const DEADLINE_KINDS: Record<DeadlineKind, string> = {
  payment_reminder: 'напоминание об оплате',
  promise_due: 'проверка обещания',
  engagement_check: 'проверка вовлечения',
  contact_period_start: 'начало периода контактов',
  contact_period_boundary: 'граница периодов контактов',
  contact_period_end: 'конец периода контактов',
  decision_maker_month: 'контакт с ЛПР',
  competitor_half_year: 'диагностика конкурентов',
};

/** The sentence for an automatic event; a rule this version does not know is named as it is. */
export function explainDecision(rule: string, x: Explaining): string {
  return isRuleCode(rule) ? EXPLAIN[rule](x) : `Правило ${rule}`;
}
