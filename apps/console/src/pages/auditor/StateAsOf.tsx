import { api, call } from '../../api/client';
import { label } from '../../components/labels';
import { Loading } from '../../components/Loading';
import { instantOf, localInputValue } from '../../components/time';
import { useLoad } from '../../components/use-load';
import { WORKFLOWS, eventLabel, when } from './event-labels';
import type { HistoryEvent, StateAt, Workflows } from './types';

const stateOf = (clientId: string, at?: string) =>
  call<StateAt>(
    api.GET('/api/v1/clients/{clientId}/state', {
      params: { path: { clientId }, query: at ? { at } : {} },
    }),
  );

/** One line per machine: its state and what it holds (amounts, deadlines, contacts). */
function workflowLines(w: Workflows): Array<[string, string]> {
  return [
    ['lifecycle', `${w.lifecycle.state} (${label(w.lifecycle.lifecycle)})`],
    [
      'responsibility',
      `${label(w.responsibility.responsible.role)} ${w.responsibility.responsible.employeeId}`,
    ],
    [
      'promises',
      w.promises.map((p) => `${p.promisedOn}: ${p.state}, ${p.paidInTime} из ${p.target} ₽`).join('; ') ||
        'нет',
    ],
    [
      'engagement',
      [w.engagement.state, w.engagement.overdueSince && `просрочено с ${w.engagement.overdueSince}`]
        .filter(Boolean)
        .join(', '),
    ],
    ['contactCadence', w.contactCadence.state],
    ['pmWork', w.pmWork.state],
    ['deadlines', w.deadlines.map((d) => `${label(d.kind)} — ${when(d.dueAt)}`).join('; ') || 'нет'],
    [
      'openContacts',
      w.openContacts.map((c) => `${label(c.reason)} (${label(c.kind)}), попыток ${c.attempts}`).join('; ') ||
        'нет',
    ],
    ['callbacks', w.callbacks.map((c) => when(c.callbackAt)).join('; ') || 'нет'],
  ];
}

function cardLines(s: StateAt): Array<[string, string]> {
  return [
    ['Статус', label(s.lifecycle)],
    ['Ответственный', `${label(s.responsible.role)} ${s.responsible.employeeId}`],
    ['Долг, месяцев', String(s.debtMonths)],
    ['Не оплачено, ₽', String(s.unpaid ?? 0)],
    ['Нарушенных обещаний подряд', String(s.brokenPromisesInRow)],
    ['Угрозы', s.openThreats.map((t) => label(t.type)).join(', ') || 'нет'],
  ];
}

/**
 * The card and each workflow's state as of an instant (GET /state?at=), beside the present: a
 * slider over the recorded events and a date-time field pick the instant.
 */
export function StateAsOf(props: {
  clientId: string;
  events: HistoryEvent[];
  at: string;
  onAt: (at: string) => void;
}) {
  const { clientId, events, at } = props;
  const past = useLoad(() => stateOf(clientId, at), [clientId, at]);
  const now = useLoad(() => stateOf(clientId), [clientId, events.length]);
  // the slider steps over recording instants, not events: events recorded in the same instant (one
  // command's) cannot be told apart by «as of», so each step stands after the last of them
  const steps = events.filter((e, i) => events[i + 1]?.metadata.recordedAt !== e.metadata.recordedAt);
  const index = steps.reduce((found, e, i) => (e.metadata.recordedAt <= at ? i : found), -1);
  const event = steps[index];
  const rows = (s: StateAt | null) =>
    s
      ? [
          ...cardLines(s),
          ...workflowLines(s.workflows).map(([k, v]) => [WORKFLOWS[k]!, v] as [string, string]),
        ]
      : [];
  const then = rows(past.data);
  const today = rows(now.data);
  return (
    <section aria-labelledby="as-of-title" class="as-of">
      <h2 id="as-of-title">Состояние на момент</h2>
      <form class="toolbar" onSubmit={(e) => e.preventDefault()}>
        <div class="field slider">
          <label for="as-of-slider">После события</label>
          <input
            id="as-of-slider"
            type="range"
            min={0}
            max={Math.max(steps.length - 1, 0)}
            step={1}
            value={Math.max(index, 0)}
            aria-valuetext={
              event ? `№ ${event.streamVersion}: ${eventLabel(event.type)}` : 'до первого события'
            }
            onInput={(e) => {
              const picked = steps[Number(e.currentTarget.value)];
              if (picked) props.onAt(picked.metadata.recordedAt);
            }}
          />
          <small>
            {event ? `№ ${event.streamVersion}: ${eventLabel(event.type)}` : 'до первого события'}
          </small>
        </div>
        <div class="field">
          <label for="as-of-at">На момент</label>
          <input
            id="as-of-at"
            type="datetime-local"
            step={1}
            value={localInputValue(new Date(at))}
            onChange={(e) => e.currentTarget.value && props.onAt(instantOf(e.currentTarget.value))}
          />
        </div>
      </form>
      <Loading error={past.error ?? now.error} loading={!past.data || !now.data}>
        <table class="report as-of-table">
          <caption>Карточка и процессы на {when(at)} и сейчас</caption>
          <thead>
            <tr>
              <th scope="col">Показатель</th>
              <th scope="col">На {when(at)}</th>
              <th scope="col">Сейчас</th>
            </tr>
          </thead>
          <tbody>
            {then.map(([name, value], i) => (
              <tr key={name} class={value !== today[i]?.[1] ? 'changed' : undefined}>
                <th scope="row">{name}</th>
                <td>{value}</td>
                <td>{today[i]?.[1]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Loading>
    </section>
  );
}
