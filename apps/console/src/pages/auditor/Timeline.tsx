import type { Decision, HistoryEvent } from './types';
import { eventLabel, when } from './event-labels';
import { label } from '../../components/labels';

/** Russian names of the fields events most often carry; the rest show as the API names them. */
const FIELDS: Record<string, string> = {
  contactId: 'контакт',
  outcome: 'результат',
  durationSec: 'длительность, с',
  channel: 'канал',
  direction: 'направление',
  kind: 'вид',
  reason: 'причина',
  plannedAt: 'на когда',
  dueAt: 'срок',
  amount: 'сумма, ₽',
  invoiceId: 'счёт',
  issuedOn: 'дата счёта',
  paidOn: 'дата оплаты',
  promiseId: 'обещание',
  promisedOn: 'обещанная дата',
  remind: 'напомнить',
  closingReason: 'причина закрытия',
  stages: 'этапы',
  comment: 'комментарий',
  sheet: 'лист чек-листа',
  scores: 'оценки',
  threatId: 'угроза',
  step: 'шаг',
};

/** An event's data as short «field: value» pairs (codes in Russian where known, nested as JSON). */
function DataList(props: { data: HistoryEvent['data'] }) {
  const entries = Object.entries(props.data ?? {});
  if (entries.length === 0) return null;
  return (
    <dl class="event-data">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt title={key}>{FIELDS[key] ?? key}</dt>
          <dd>
            {typeof value === 'object' && value !== null
              ? JSON.stringify(value)
              : typeof value === 'string'
                ? label(value)
                : String(value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Every event of the client in the order recorded (GET /history), automatic ones with their rule,
 * the API's Russian explanation and links to the events it rests on (GET /decisions). «Состояние
 * на этот момент» moves the as-of view to just after the event.
 */
export function Timeline(props: {
  events: HistoryEvent[];
  decisions: Decision[];
  selected?: string;
  onPick: (event: HistoryEvent) => void;
}) {
  const why = new Map(props.decisions.map((d) => [d.position, d]));
  return (
    <ol class="timeline" aria-label="События клиента">
      {props.events.map((event) => {
        const decision = why.get(event.position);
        const automatic = !!event.metadata.rule;
        return (
          <li
            key={event.position}
            id={`event-${event.position}`}
            class={[
              'timeline-event',
              automatic ? 'automatic' : '',
              props.selected === event.position ? 'selected' : '',
            ].join(' ')}
            aria-current={props.selected === event.position ? 'step' : undefined}
          >
            <div class="event-head">
              <span class="event-no">№ {event.streamVersion}</span>
              <strong>{eventLabel(event.type)}</strong> <code>{event.type}</code>
              <span class="muted">
                {' '}
                · произошло {when(event.metadata.occurredAt)} · записано {when(event.metadata.recordedAt)} ·{' '}
                {automatic
                  ? 'автоматически'
                  : `${event.metadata.actor.id} (${label(event.metadata.actor.role)})`}
              </span>
            </div>
            {automatic && (
              <div class="event-why">
                <p>
                  Правило: <code>{event.metadata.rule}</code>
                </p>
                {decision && <p class="explanation">{decision.explanation}</p>}
                {decision && decision.evidence.length > 0 && (
                  <p>
                    Основание:{' '}
                    {decision.evidence.map((e, i) => (
                      <span key={e.position}>
                        {i > 0 && ', '}
                        <a href={`#event-${e.position}`}>{eventLabel(e.type)}</a>
                      </span>
                    ))}
                  </p>
                )}
              </div>
            )}
            <DataList data={event.data} />
            <button
              type="button"
              aria-label={`Состояние на этот момент: событие № ${event.streamVersion}`}
              onClick={() => props.onPick(event)}
            >
              Состояние на этот момент
            </button>
          </li>
        );
      })}
    </ol>
  );
}
