import { useEffect, useState } from 'preact/hooks';
import { api, call } from '../../api/client';
import { Loading } from '../../components/Loading';
import { useLoad } from '../../components/use-load';
import { navigate } from '../../router';
import type { PageProps } from '../page-props';
import { AuditSample } from './AuditSample';
import { ClientTimeline } from './ClientTimeline';
import '../../components/charts/charts.css';

/** The service's today in the РИЦ's calendar (its clock may be manual): a report's default period end. */
export function useServiceToday() {
  return useLoad(
    () => call<{ to: string }>(api.GET('/api/v1/reports/call-funnel')).then((answer) => answer.to),
    [],
  );
}

/**
 * The auditor's page (РКПП): the audit sample, and for the client picked (from the sample or by its
 * number) the timeline, the state as of an instant and the review form. `?client=&contact=`.
 */
export function AuditorPage(props: PageProps) {
  const clientId = props.query.get('client') ?? '';
  const contactId = props.query.get('contact') ?? '';
  const [typed, setTyped] = useState(clientId);
  useEffect(() => setTyped(clientId), [clientId]);
  const today = useServiceToday();
  return (
    <section aria-labelledby="auditor-title">
      <h1 id="auditor-title">Аудит звонков</h1>
      <Loading error={today.error} loading={!today.data}>
        {today.data && <AuditSample today={today.data} />}
      </Loading>
      <form
        class="toolbar"
        aria-label="Клиент для аудита"
        onSubmit={(event) => {
          event.preventDefault();
          if (typed.trim()) navigate(`/console/auditor?client=${encodeURIComponent(typed.trim())}`);
        }}
      >
        <div class="field">
          <label for="auditor-client">Номер клиента</label>
          <input id="auditor-client" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
        </div>
        <button type="submit">Показать историю</button>
      </form>
      {clientId && <ClientTimeline key={clientId} clientId={clientId} contactId={contactId} />}
    </section>
  );
}
