import type { ComponentChildren } from 'preact';
import type { WorkItem } from '../../api/types';
import { CompetitorForm } from './CompetitorForm';
import { DecisionMakerForm } from './DecisionMakerForm';
import { HandoverSheetView } from './HandoverSheetView';

/** A form folded under its summary, so that the queue stays a list one reads at a glance. */
function Folded(props: { summary: string; children: ComponentChildren }) {
  return (
    <details class="work">
      <summary>{props.summary}</summary>
      {props.children}
    </details>
  );
}

/** What the ПМ does with a queue item, by its kind. */
export function QueueItemWork(props: { item: WorkItem; onDone: () => void }) {
  const { item } = props;
  switch (item.kind) {
    case 'threat':
      return item.threatId ? <HandoverSheetView clientId={item.clientId} threatId={item.threatId} /> : null;
    case 'decision_maker_email':
      return (
        <Folded summary="Отметить письмо ЛПР">
          <DecisionMakerForm clientId={item.clientId} step="email" onDone={props.onDone} />
        </Folded>
      );
    case 'decision_maker_call':
      return (
        <Folded summary="Отметить звонок ЛПР">
          <DecisionMakerForm clientId={item.clientId} step="call" onDone={props.onDone} />
        </Folded>
      );
    case 'competitor_diagnostics':
      return (
        <Folded summary="Записать диагностику конкурентов">
          <CompetitorForm clientId={item.clientId} onDone={props.onDone} />
        </Folded>
      );
    default:
      // kinds added later are listed, with the client's card one click away
      return null;
  }
}
