import type { EventStore } from '@ledger/eventstore';

/** EVENT_STORE=kurrentdb: the scale-out store (adapter in libs/eventstore/src/kurrentdb). */
export function createKurrentDbStore(_url: string): EventStore {
  throw new Error('EVENT_STORE=kurrentdb is not wired yet');
}
