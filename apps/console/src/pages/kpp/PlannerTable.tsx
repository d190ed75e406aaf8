import type { Planner, WorkItem } from '../../api/types';
import { formatDateTime, formatTime, label } from '../../components/labels';
import { Link } from '../../components/Link';

const clientHref = (item: WorkItem) =>
  `/console/clients/${encodeURIComponent(item.clientId)}${item.contactId ? `#contact-${item.contactId}` : ''}`;

/** The planner's items by due time; an item due before the chosen day is marked overdue. */
export function PlannerTable(props: { planner: Planner }) {
  const { planner } = props;
  if (planner.items.length === 0) return <p>На этот день задач нет.</p>;
  return (
    <table class="planner">
      <caption>Задачи на {planner.date}</caption>
      <thead>
        <tr>
          <th scope="col">Срок</th>
          <th scope="col">Клиент</th>
          <th scope="col">Задача</th>
          <th scope="col">Причина</th>
          <th scope="col">Необходимость контакта</th>
          <th scope="col">Кому звонить</th>
          <th scope="col">Попытки</th>
        </tr>
      </thead>
      <tbody>
        {planner.items.map((item) => {
          const overdue = item.dueAt.slice(0, 10) < planner.date;
          return (
            <tr key={`${item.clientId}/${item.itemId}`} class={overdue ? 'overdue' : undefined}>
              <td>
                {overdue ? (
                  <>
                    <span class="badge">просрочено</span> {formatDateTime(item.dueAt)}
                  </>
                ) : (
                  formatTime(item.dueAt)
                )}
              </td>
              <td>
                <Link href={clientHref(item)}>{item.clientName || item.clientId}</Link>
              </td>
              <td>{label(item.kind)}</td>
              <td>
                {item.criteria ? (
                  <ul class="inline">
                    {item.criteria.map((c) => (
                      <li key={c}>{label(c)}</li>
                    ))}
                  </ul>
                ) : (
                  label(item.reason)
                )}
              </td>
              <td>
                <Necessity value={item.contactNecessity} />
              </td>
              <td>
                {item.person ? (
                  <>
                    {item.person.name}
                    {item.person.phone && (
                      <>
                        <br />
                        <a href={`tel:${item.person.phone}`}>{item.person.phone}</a>
                      </>
                    )}
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td>{item.attempts ?? '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * Contact necessity (индикатор необходимости контакта) with its band, as the default bands of
 * [002] read it: from 0.34 high, from 0.30 dynamic (the API classifies with the РИЦ's own bands).
 */
export function Necessity(props: { value?: number }) {
  if (props.value === undefined) return <>—</>;
  const hundredths = Math.round(props.value * 100);
  const band = hundredths >= 34 ? 'high' : hundredths >= 30 ? 'dynamic' : 'none';
  const words = { high: 'высокая', dynamic: 'динамика', none: 'обычная' }[band];
  return (
    <span class={`necessity necessity-${band}`}>
      {props.value.toFixed(2)} <small>{words}</small>
    </span>
  );
}
