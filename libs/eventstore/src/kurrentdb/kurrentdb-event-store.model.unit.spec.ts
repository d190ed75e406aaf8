import { eventStoreContract } from '../testing/event-store.contract';
import { InMemoryKurrentDb } from './in-memory-kurrentdb';
import { KurrentDbEventStore } from './kurrentdb-event-store';

/**
 * The contract against an in-memory model of the KurrentDB client (no server can run here). It
 * checks the adapter's own logic — idempotency reservations, commit/prepare positions, paging past
 * records that are not the ledger's — under the model's reading of KurrentDB; the same contract runs
 * against a real server in kurrentdb-event-store.int.spec.ts when KURRENTDB_URL is set.
 */
describe('KurrentDbEventStore (contract, against an in-memory model of the client)', () => {
  eventStoreContract(async () => new KurrentDbEventStore(new InMemoryKurrentDb().asClient()));
});
