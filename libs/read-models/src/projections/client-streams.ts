import type { RecordedEvent } from '@ledger/eventstore';

/** Client events of a batch, grouped by stream, in order. */
export function byClientStream(events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    if (!event.streamId.startsWith('client-')) continue;
    const list = byStream.get(event.streamId) ?? [];
    list.push(event);
    byStream.set(event.streamId, list);
  }
  return byStream;
}

/** `client-<ric>-<clientId>` → clientId (the РИЦ is in the metadata). */
export const clientIdOf = (event: RecordedEvent): string =>
  event.streamId.slice(`client-${event.metadata.ric}-`.length);
