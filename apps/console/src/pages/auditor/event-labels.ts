/** Russian names of the event types a client's history holds; an unknown type shows as it is. */
const EVENTS: Record<string, string> = {
  CallAttempted: 'Попытка дозвона',
  CallReviewed: 'Звонок оценён аудитором',
  CallbackScheduled: 'Назначен перезвон',
  ClientAssigned: 'Клиент закреплён',
  ClientLeftRemoteService: 'Клиент ушёл с ДС',
  ClientRegistered: 'Клиент зарегистрирован',
  CompetitorDiagnosed: 'Диагностика конкурентов',
  CompetitorDiagnosticsDue: 'Пора диагностировать конкурентов',
  ContactClosed: 'Контакт закрыт',
  ContactMissed: 'Контакт не состоялся',
  ContactNotOwed: 'Контакт не требуется',
  ContactPersonAdded: 'Добавлено контактное лицо',
  ContactPersonChanged: 'Изменено контактное лицо',
  ContactPersonErased: 'Персональные данные удалены',
  ContactPlanned: 'Запланирован контакт',
  DeadlineCancelled: 'Срок отменён',
  DeadlineFired: 'Срок наступил',
  DeadlineSet: 'Установлен срок',
  DecisionMakerCalled: 'Звонок ЛПР',
  DecisionMakerContactDue: 'Пора связаться с ЛПР',
  DecisionMakerEmailSent: 'Письмо ЛПР',
  EngagementOverdue: 'Просрочено вовлечение',
  FinalEngineerVisitCompleted: 'Последний визит инженера',
  FirstRemoteCallCompleted: 'Первый дистанционный звонок',
  HandedOverToPM: 'Передан ПМ',
  InvoiceIssued: 'Выставлен счёт',
  KeyUserChanged: 'Сменился ключевой пользователь',
  PaymentDateRefused: 'Отказ назвать дату оплаты',
  PaymentPromiseBreachCorrected: 'Нарушение обещания исправлено',
  PaymentPromiseBroken: 'Обещание оплаты нарушено',
  PaymentPromiseKept: 'Обещание оплаты выполнено',
  PaymentPromiseRecorded: 'Записано обещание оплаты',
  PaymentReceived: 'Поступила оплата',
  PaymentReminderDone: 'Напоминание об оплате сделано',
  PaymentReminderDue: 'Пора напомнить об оплате',
  ReturnedToKPP: 'Возвращён КПП',
  ServicePointAdded: 'Добавлена точка обслуживания',
  StageCompleted: 'Пройден этап',
  ThreatRaised: 'Угроза',
  ThreatResolved: 'Угроза снята',
  TransferLetterSent: 'Письмо о переходе на ДС',
  TransferToRemoteServiceStarted: 'Начат переход на ДС',
};

export const eventLabel = (type: string): string => EVENTS[type] ?? type;

/** The machines of GET /state's `workflows`, in Russian. */
export const WORKFLOWS: Record<string, string> = {
  lifecycle: 'Жизненный цикл',
  responsibility: 'Ответственность',
  promises: 'Обещания оплаты',
  engagement: 'Вовлечение',
  contactCadence: 'Периодичность контактов',
  pmWork: 'Работа ПМ',
  deadlines: 'Открытые сроки',
  openContacts: 'Открытые контакты',
  callbacks: 'Перезвоны',
};

/** A date-time in the browser's zone (the РИЦ's staff are in it), to the second. */
export const when = (instant: string | undefined): string =>
  instant
    ? new Date(instant).toLocaleString('ru-RU', {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
    : '';
