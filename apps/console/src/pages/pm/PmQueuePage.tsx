import { api, call } from '../../api/client';
import { hasRole } from '../../api/session';
import type { PmQueue } from '../../api/types';
import { formatDateTime, label } from '../../components/labels';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { useLoad } from '../../components/use-load';
import { navigate } from '../../router';
import type { PageProps } from '../page-props';
import { QueueItemWork } from './QueueItemWork';

/** The ПМ's queue: threats (with the handover sheet), decision-maker steps, competitor diagnostics. */
export function PmQueuePage(props: PageProps) {
  const { session, query } = props;
  const canPick = hasRole(session, 'ROS', 'ADMIN');
  const employeeId = (canPick && query.get('employee')) || session.employeeId;
  const queue = useLoad(
    () => call<PmQueue>(api.GET('/api/v1/queues/pm/{employeeId}', { params: { path: { employeeId } } })),
    [employeeId],
  );
  const items = queue.data?.items ?? [];
  return (
    <section aria-labelledby="pm-title">
      <h1 id="pm-title">Очередь ПМ {employeeId}</h1>
      {canPick && (
        <form class="toolbar" onSubmit={(e) => e.preventDefault()}>
          <div class="field">
            <label for="pm-employee">ПМ</label>
            <input
              id="pm-employee"
              value={employeeId}
              onChange={(e) => navigate(`/console/pm?employee=${encodeURIComponent(e.currentTarget.value)}`)}
            />
          </div>
        </form>
      )}
      <Loading error={queue.error} loading={queue.loading && !queue.data}>
        {items.length === 0 && <p>Очередь пуста.</p>}
        <ol class="queue">
          {items.map((item) => (
            <li key={`${item.clientId}/${item.itemId}`} class={`queue-item kind-${item.kind}`}>
              <h2>
                {label(item.kind)}:{' '}
                <Link href={`/console/clients/${encodeURIComponent(item.clientId)}`}>
                  {item.clientName || item.clientId}
                </Link>
              </h2>
              <p class="muted">
                Срок: {formatDateTime(item.dueAt)}
                {item.reason && <> · {label(item.reason)}</>}
                {item.person && (
                  <>
                    {' '}
                    · {item.person.name} {item.person.phone}
                  </>
                )}
              </p>
              <QueueItemWork item={item} onDone={() => void queue.reload()} />
            </li>
          ))}
        </ol>
      </Loading>
    </section>
  );
}
