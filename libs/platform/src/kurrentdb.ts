import { EventStore, KurrentDbEventStore } from '@ledger/eventstore';

/** EVENT_STORE=kurrentdb: the scale-out store (read models stay in PostgreSQL). */
export function createKurrentDbStore(url: string, idempotencyTtlMs: number): EventStore {
  return new KurrentDbEventStore(url, null, { idempotencyTtlMs });
}
