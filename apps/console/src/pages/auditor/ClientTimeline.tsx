import { useEffect, useState } from 'preact/hooks';
import { api, call } from '../../api/client';
import { Loading } from '../../components/Loading';
import { useLoad } from '../../components/use-load';
import { ReviewForm } from './ReviewForm';
import { StateAsOf } from './StateAsOf';
import { Timeline } from './Timeline';
import type { Checklist, Decision, HistoryEvent } from './types';
import '../../components/charts/charts.css';
import './auditor.css';

const CONNECTED = ['connected', 'connected_with_login'];

/** One client for the auditor: its events, the state as of a picked instant, and a review form. */
export function ClientTimeline(props: { clientId: string; contactId: string }) {
  const { clientId } = props;
  const [version, setVersion] = useState(0);
  const reads = useLoad(async () => {
    const path = { params: { path: { clientId } } };
    const [history, decisions, checklists] = await Promise.all([
      call<{ events: HistoryEvent[] }>(api.GET('/api/v1/clients/{clientId}/history', path)),
      call<{ items: Decision[] }>(api.GET('/api/v1/clients/{clientId}/decisions', path)),
      call<{ sheets: Checklist[] }>(api.GET('/api/v1/reviews/checklists')),
    ]);
    return { events: history.events, decisions: decisions.items, checklists: checklists.sheets };
  }, [clientId, version]);
  const [at, setAt] = useState<string | null>(null);
  const events = reads.data?.events ?? [];
  const last = events[events.length - 1]?.metadata.recordedAt;
  // until an instant is picked the view stands after the last event
  useEffect(() => {
    if (at === null && last) setAt(last);
  }, [last]);
  const selected = events.reduce<string | undefined>(
    (found, e) => (at && e.metadata.recordedAt <= at ? e.position : found),
    undefined,
  );
  const contacts = [
    ...new Set(
      events
        .filter((e) => e.type === 'CallAttempted' && CONNECTED.includes(String(e.data?.outcome)))
        .map((e) => String(e.data?.contactId)),
    ),
  ];
  return (
    <Loading error={reads.error} loading={!reads.data}>
      {reads.data && (
        <div class="audit-client">
          <section aria-labelledby="timeline-title" class="audit-timeline">
            <h2 id="timeline-title">
              История клиента {clientId} <span class="muted">({events.length} событий)</span>
            </h2>
            <Timeline
              events={events}
              decisions={reads.data.decisions}
              selected={selected}
              onPick={(e) => setAt(e.metadata.recordedAt)}
            />
          </section>
          <div class="audit-side">
            {at && <StateAsOf clientId={clientId} events={events} at={at} onAt={setAt} />}
            <ReviewForm
              key={props.contactId}
              clientId={clientId}
              contactId={props.contactId}
              contacts={contacts}
              checklists={reads.data.checklists}
              onReviewed={() => setVersion(version + 1)}
            />
          </div>
        </div>
      )}
    </Loading>
  );
}
