/** Russian names of the API's codes (API.md); an unknown code is shown as it is. */
const LABELS: Record<string, string> = {
  // planner and queue item kinds
  planned_contact: 'Плановый контакт',
  unplanned_contact: 'Внеплановый контакт',
  callback: 'Перезвонить',
  payment_reminder: 'Напомнить об оплате',
  payment_follow_up: 'Проверить оплату',
  engagement_overdue: 'Просрочено вовлечение',
  diagnostic_pick: 'Диагностика',
  threat: 'Угроза (передан ПМ)',
  decision_maker_email: 'Письмо ЛПР',
  decision_maker_call: 'Звонок ЛПР',
  competitor_diagnostics: 'Диагностика конкурентов',
  // planned contact goals
  info_occasion: 'Инфоповод',
  diagnostics: 'Диагностика',
  satisfaction_check: 'Проверка удовлетворённости',
  training: 'Обучение',
  debt: 'Задолженность',
  contract: 'Договор',
  document_flow: 'Документооборот',
  structure_check: 'Проверка структуры',
  competitor_check: 'Проверка конкурентов',
  // unplanned reasons
  hot_news: 'Горячая новость',
  technical_failure: 'Технический сбой',
  unpaid_invoice: 'Неоплаченный счёт',
  negative_feedback: 'Негативный отзыв',
  document_flow_problem: 'Проблема документооборота',
  no_planned_contact: 'Нет планового контакта',
  new_contact_person: 'Новое контактное лицо',
  retention_plan: 'План удержания',
  management_meeting: 'Встреча с руководством',
  // call outcomes
  no_answer: 'Не ответили',
  person_absent: 'Нет на месте',
  connected: 'Дозвонился',
  connected_with_login: 'Дозвонился, клиент в системе',
  unproductive: 'Непродуктивный',
  // closing reasons
  stage_2: 'Этап 2',
  stage_3: 'Этап 3',
  stage_4: 'Этап 4',
  stage_5: 'Этап 5',
  stage_6: 'Этап 6',
  new_features: 'Новые возможности',
  payment_work: 'Работа по оплате',
  task_work: 'Работа по задаче',
  technical_problem: 'Техническая проблема',
  changed_circumstances: 'Изменились обстоятельства',
  // handover reasons and threats
  payment_date_refused: 'Отказ назвать дату оплаты',
  promise_beyond_limit: 'Обещание за пределом срока',
  broken_promises_twice: 'Дважды нарушено обещание',
  debt_limit_reached: 'Достигнут предел долга',
  manual: 'Передан вручную',
  // the diagnostic week's criteria [003]
  no_usage_data: 'нет данных об использовании',
  no_logins_last_week: 'нет входов за последнюю неделю',
  key_user_not_trained: 'ключевой пользователь не обучен',
  no_consultation_request_2_months: 'нет обращений на ЦКП за 2 месяца',
  no_newsletter_clicks: 'нет переходов из новостной рассылки',
  no_video_consultant_clicks: 'нет переходов в ВидеоКонсультант',
  competitor_present: 'есть конкурент',
  // lifecycle
  candidate: 'Кандидат',
  returned_to_field_service: 'Возвращён на выездное обслуживание',
  transferring: 'Переход на ДС',
  active: 'На сопровождении',
  escalated: 'У ПМ',
  left: 'Ушёл',
  // the workflows' timers (deadline kinds; payment_reminder is named above)
  promise_due: 'Проверка обещания',
  engagement_check: 'Проверка вовлечения',
  contact_period_start: 'Начало периода контактов',
  contact_period_boundary: 'Граница периодов контактов',
  contact_period_end: 'Конец периода контактов',
  decision_maker_month: 'Контакт с ЛПР за месяц',
  competitor_half_year: 'Диагностика конкурентов за полугодие',
  // roles
  KPP: 'КПП',
  PM: 'ПМ',
  RKPP: 'РКПП',
  ROS: 'РОС',
  ANALYST: 'Аналитик',
  ADMIN: 'Администратор',
};

export const label = (code: string | undefined | null): string => (code ? (LABELS[code] ?? code) : '');

export const CALL_OUTCOMES = [
  'no_answer',
  'person_absent',
  'connected',
  'connected_with_login',
  'unproductive',
];
export const CLOSING_REASONS = [
  'stage_2',
  'stage_3',
  'stage_4',
  'stage_5',
  'stage_6',
  'new_features',
  'payment_work',
  'task_work',
  'technical_problem',
  'unproductive',
  'changed_circumstances',
];
export const PLANNED_REASONS = [
  'info_occasion',
  'diagnostics',
  'satisfaction_check',
  'training',
  'debt',
  'contract',
  'document_flow',
  'structure_check',
  'competitor_check',
];
export const UNPLANNED_REASONS = [
  'hot_news',
  'technical_failure',
  'unpaid_invoice',
  'negative_feedback',
  'document_flow_problem',
  'no_planned_contact',
  'new_contact_person',
  'retention_plan',
  'management_meeting',
];

const time = new Intl.DateTimeFormat('ru-RU', { hour: '2-digit', minute: '2-digit' });
const dateTime = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'short' });
export const formatTime = (iso: string) => time.format(new Date(iso));
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatMoney = (amount: number) =>
  new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB' }).format(amount);
