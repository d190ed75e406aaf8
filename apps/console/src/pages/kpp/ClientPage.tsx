import { useEffect, useState } from 'preact/hooks';
import { api, call } from '../../api/client';
import { hasRole } from '../../api/session';
import type { ClientCard } from '../../api/types';
import { formatMoney, label } from '../../components/labels';
import { Loading } from '../../components/Loading';
import { useLoad } from '../../components/use-load';
import type { PageProps } from '../page-props';
import { OpenContacts } from './OpenContacts';
import { PlanContactForm } from './PlanContactForm';
import { Necessity } from './PlannerTable';
import { PromiseForm } from './PromiseForm';
import { RefusalForm } from './RefusalForm';

/**
 * A client's card (карточка клиента) and the КПП's and ПМ's forms on it. After a command the card
 * is read again at the command's position (read-your-writes), so it shows what was just recorded.
 */
export function ClientPage(props: PageProps) {
  const clientId = props.params['clientId']!;
  const [minPosition, setMinPosition] = useState<string | undefined>();
  const card = useLoad(
    () =>
      call<ClientCard>(
        api.GET('/api/v1/clients/{clientId}', {
          // every GET accepts minPosition (read-your-writes, API.md); the document does not list it
          params: { path: { clientId }, query: (minPosition ? { minPosition } : {}) as never },
        }),
      ),
    [clientId, minPosition],
  );
  // opened from the planner at one contact (#contact-…): bring it into view once the card is there
  const loaded = card.data !== null;
  useEffect(() => {
    if (!loaded || !location.hash) return;
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    target?.scrollIntoView({ block: 'start' });
    target?.querySelector<HTMLElement>('h3')?.focus();
  }, [loaded]);
  const writes = hasRole(props.session, 'KPP', 'PM', 'ROS');
  const c = card.data;
  return (
    <section aria-labelledby="client-title">
      <Loading error={card.error} loading={card.loading && !c}>
        {c && (
          <>
            <h1 id="client-title">{c.name}</h1>
            <dl class="facts">
              <dt>Клиент</dt>
              <dd>{c.clientId}</dd>
              <dt>Состояние</dt>
              <dd>{label(c.lifecycle)}</dd>
              <dt>Ответственный</dt>
              <dd>
                {label(c.responsible.role)} {c.responsible.employeeId}
              </dd>
              <dt>Долг, месяцев</dt>
              <dd>{c.debtMonths}</dd>
              {c.unpaid !== undefined && (
                <>
                  <dt>Не оплачено</dt>
                  <dd>{formatMoney(c.unpaid)}</dd>
                </>
              )}
              <dt>Нарушено обещаний подряд</dt>
              <dd>{c.brokenPromisesInRow}</dd>
              <dt>Открытое обещание</dt>
              <dd>{c.openPromise ? `до ${c.openPromise.promisedOn}` : 'нет'}</dd>
              <dt>Угрозы</dt>
              <dd>{c.openThreats.length ? c.openThreats.map((t) => label(t.type)).join(', ') : 'нет'}</dd>
              <dt>Необходимость контакта</dt>
              <dd>
                <Necessity value={c.contactNecessity?.indicator} />
              </dd>
            </dl>
            {c.contactPersons.length > 0 && (
              <>
                <h2>Контактные лица</h2>
                <ul>
                  {c.contactPersons.map((p) => (
                    <li key={p.contactPersonId}>
                      {p.name}
                      {p.phones[0] && (
                        <>
                          {' '}
                          · <a href={`tel:${p.phones[0]}`}>{p.phones[0]}</a>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <OpenContacts card={c} writes={writes} onDone={setMinPosition} />
            {writes && (
              <div class="forms">
                <PlanContactForm clientId={c.clientId} onDone={setMinPosition} />
                <PromiseForm clientId={c.clientId} onDone={setMinPosition} />
                <RefusalForm clientId={c.clientId} onDone={setMinPosition} />
              </div>
            )}
          </>
        )}
      </Loading>
    </section>
  );
}
