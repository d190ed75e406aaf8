/**
 * The call-review checklists of [004] («Чек-лист», one sheet per kind of work), as data. Each item
 * is scored 0 (not done), 1 (partly) or 2 (done). The introduction sheet quotes the seed's checklist
 * fragment; the other sheets state the steps the seed lists for that kind of work (ADR 0055).
 */
export const REVIEW_SHEETS = [
  'introduction',
  'service_engagement',
  'system_engagement',
  'news',
  'feedback',
  'payment',
  'fk',
] as const;
export type ReviewSheet = (typeof REVIEW_SHEETS)[number];

export interface ChecklistItem {
  code: string;
  text: string;
}

export interface Checklist {
  sheet: ReviewSheet;
  title: string;
  items: readonly ChecklistItem[];
}

/** The highest score of one item. */
export const MAX_ITEM_SCORE = 2;

const item = (code: string, text: string): ChecklistItem => ({ code, text });

export const CHECKLISTS: Record<ReviewSheet, Checklist> = {
  introduction: {
    sheet: 'introduction',
    title: 'Знакомство с новым Клиентом/пользователем/расширение контакта',
    items: [
      item('greeting', 'Приветствие, представление себя и компании'),
      item(
        'asks_for_time',
        'Произносит фразу «Прошу Вас уделить мне время, чтобы мы могли обсудить ключевые моменты сотрудничества, договориться об удобном для Вас варианте взаимодействия и подобрать полезные для Вас сервисные услуги. Готовы уделить мне 10-15 минут?»',
      ),
      item(
        'personal_specialist',
        'Говорит: «Я как ваш персональный специалист расскажу, что входит в мои обязанности и по каким вопросам Вы сможете ко мне обращаться»',
      ),
      item('info_letter', 'Отправил информационное письмо/предложил его открыть'),
      item('addresses_by_name', 'Обращается к клиенту по имени (на протяжении всего звонка)'),
      item('own_functions', 'Озвучил перечень вопросов, которые будет решать с Клиентом/для Клиента'),
      item('call_frequency', 'Озвучил периодичность своих звонков'),
      item('informs_remote_service', 'Проинформировал о дистанционном сервисе'),
      item('informs_services', 'Проинформировал о сервисных услугах'),
      item('needs_diagnostics', 'Провёл диагностику потребностей (выявление потребностей)'),
      item('contact_format', 'Договорился о формате дальнейших контактов'),
    ],
  },
  service_engagement: {
    sheet: 'service_engagement',
    title: 'Вовлечение Клиента/пользователей/ЛПР в стандартный сервис РИЦ',
    items: [
      item('establishes_contact', 'Установил контакт, обращается к клиенту по имени'),
      item('collects_feedback', 'Собрал обратную связь после пользования услугой (посещения мероприятия)'),
      item('finds_needs', 'Выявил и сформировал потребности'),
      item('presents_service', 'Заинтересовал презентацией услуги, учитывая потребность клиента'),
      item('agrees_use', 'Согласовал использование услуги (посещение мероприятия)'),
      item('further_informing', 'Согласовал дальнейшее информирование и подбор необходимых услуг'),
    ],
  },
  system_engagement: {
    sheet: 'system_engagement',
    title: 'Вовлечение в систему КонсультантПлюс/использование системы',
    items: [
      item('into_system', 'Завёл Клиента в систему'),
      item(
        'demonstrates',
        'Продемонстрировал на инфоповоде возможности работы в системе, с акцентом на чём-то конкретном',
      ),
      item(
        'usage_diagnostics',
        'Провёл диагностику использования системы: удобство работы, лояльность, знание функционала',
      ),
      item('training_consent', 'При неэффективной работе получил согласие на обучение по работе с К+'),
      item('competitor_prevention', 'Провёл профилактику использования других источников информации'),
      item('extra_services', 'Согласовал использование необходимых доп. услуг'),
      item('disconnection_risk', 'Устранил риск отключения и получения несвоевременной оплаты'),
    ],
  },
  news: {
    sheet: 'news',
    title: 'Вывод новшеств',
    items: [
      item('names_news', 'Рассказал, какие новшества вышли'),
      item('demonstrates_news', 'Продемонстрировал/презентовал конкретные новшества'),
      item('in_system', 'Показал с заходом в систему (или назвал причину, если без)'),
      item('results', 'Подвёл итоги: реакция Клиента, договорённости'),
    ],
  },
  feedback: {
    sheet: 'feedback',
    title: 'Получение обратной связи (ОС) по использованию сервиса и системы',
    items: [
      item('system_value', 'Спросил: «Какие возможности/свойства системы для Вас наиболее ценны?»'),
      item(
        'cooperation_value',
        'Спросил: «Что Вы в нашем сотрудничестве, в работе нашей Компании цените больше всего?»',
      ),
      item('records_values', 'Зафиксировал ценности системы, сервиса и компании, названные клиентом'),
      item('next_contact', 'Договорился о следующем контакте'),
    ],
  },
  payment: {
    sheet: 'payment',
    title: 'Работа по оплате',
    items: [
      item('invoice_received', 'Выяснил факт получения счёта'),
      item('payment_date', 'Выяснил предполагаемую дату оплаты'),
      item('next_call', 'Договорился о дате следующего звонка для уточнения сроков оплаты'),
      item('broken_date', 'При нарушении срока оплаты выяснил причину и согласовал новый срок'),
    ],
  },
  fk: {
    sheet: 'fk',
    title: 'Сверка функциональной карты Клиента',
    items: [
      item('key_people', 'Сверил руководителя и главного бухгалтера, их телефоны'),
      item('staff', 'Уточнил штат: бухгалтеры, юристы, кадровики, закупщики'),
      item('activity', 'Уточнил тип деятельности, участие в закупках и в судах'),
      item('competitors', 'Выяснил конкурентов и критерии выбора поставщика СПС'),
      item('budget', 'Выяснил, когда закладывают бюджет на следующий год'),
      item('contact_persons', 'Актуализировал контактные лица и их рубрики'),
    ],
  },
};

export const isReviewSheet = (value: string): value is ReviewSheet =>
  (REVIEW_SHEETS as readonly string[]).includes(value);

/** The overall score of a review: the share of the highest possible, in percent to one decimal. */
export function overallScore(scores: Record<string, number>): number {
  const values = Object.values(scores);
  if (values.length === 0) return 0;
  const sum = values.reduce((a, b) => a + b, 0);
  return Math.round((sum / (values.length * MAX_ITEM_SCORE)) * 1000) / 10;
}
