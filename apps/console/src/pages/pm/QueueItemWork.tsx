import type { WorkItem } from '../../api/types';
import { CompetitorForm } from './CompetitorForm';
import { DecisionMakerForm } from './DecisionMakerForm';
import { HandoverSheetView } from './HandoverSheetView';

/** What the ПМ does with a queue item, by its kind. */
export function QueueItemWork(props: { item: WorkItem; onDone: () => void }) {
  const { item } = props;
  switch (item.kind) {
    case 'threat':
      return item.threatId ? <HandoverSheetView clientId={item.clientId} threatId={item.threatId} /> : null;
    case 'decision_maker_email':
      return <DecisionMakerForm clientId={item.clientId} step="email" onDone={props.onDone} />;
    case 'decision_maker_call':
      return <DecisionMakerForm clientId={item.clientId} step="call" onDone={props.onDone} />;
    case 'competitor_diagnostics':
      return <CompetitorForm clientId={item.clientId} onDone={props.onDone} />;
    default:
      // kinds added later are listed, with the client's card one click away
      return null;
  }
}
