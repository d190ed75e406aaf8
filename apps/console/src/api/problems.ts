/** An API answer other than 2xx, as API.md shapes it: 400 details, 409 rule, 401/403/404. */
export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: FieldProblem[] = [],
    readonly rule?: string,
  ) {
    super(message);
  }
}

/** Russian explanations of the 409 rule codes a КПП or ПМ can meet; the API's text otherwise. */
const RULES: Record<string, string> = {
  already_with_pm: 'Клиент уже передан персональному менеджеру.',
  attempt_in_future: 'Время звонка ещё не наступило.',
  client_left: 'Клиент ушёл с дистанционного сопровождения.',
  contact_already_planned: 'Такой контакт уже запланирован.',
  contact_not_open: 'Контакт уже закрыт или не найден.',
  contact_not_connected: 'По контакту не было состоявшегося звонка.',
  contact_person_erased: 'Данные контактного лица удалены.',
  contact_person_not_found: 'Контактное лицо не найдено.',
  decision_maker_email_first: 'Сначала — письмо ЛПР с топ-вопросами, затем звонок.',
  no_decision_maker_contact_due: 'Контакт с ЛПР в этом месяце не требуется.',
  not_on_remote_service: 'Клиент не на дистанционном сопровождении.',
  nothing_to_promise: 'Долга нет — обещать оплату нечего.',
  promise_already_open: 'У клиента уже есть открытое обещание оплаты.',
  promise_already_recorded: 'Это обещание уже записано.',
  promise_date_in_past: 'Дата обещанной оплаты уже прошла.',
  reminder_after_agreed_day: 'Напоминание должно быть не позже обещанной даты.',
  idempotency_key_reused: 'Повтор запроса с другими данными.',
};

/** The form field a rule is about, so that its message stands next to that field. */
export const RULE_FIELDS: Record<string, string> = {
  attempt_in_future: 'occurredAt',
  promise_date_in_past: 'promisedOn',
  reminder_after_agreed_day: 'remindOn',
};

export function ruleMessage(rule: string, fallback: string): string {
  return RULES[rule] ?? fallback;
}

/** The sentence to show for an error, in Russian. */
export function describeProblem(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Сервис недоступен. Проверьте соединение и повторите.';
  switch (error.status) {
    case 400:
      return 'Проверьте отмеченные поля.';
    case 401:
      return 'Сеанс недействителен или истёк — войдите снова.';
    case 403:
      return 'Недостаточно прав для этого действия.';
    case 404:
      return 'Не найдено.';
    case 409:
      return error.rule ? ruleMessage(error.rule, error.message) : error.message;
    case 503:
      return 'Данные ещё обновляются — повторите через несколько секунд.';
    default:
      return `Ошибка сервиса (${error.status}): ${error.message}`;
  }
}
