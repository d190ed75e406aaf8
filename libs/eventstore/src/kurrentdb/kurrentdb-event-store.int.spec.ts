import { eventStoreContract } from '../testing/event-store.contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';

/**
 * The same contract as PostgreSQL, against a KurrentDB server when KURRENTDB_URL names one
 * (e.g. `kurrentdb://localhost:2113?tls=false` from docker-compose.yml). No server runs on the CI
 * machine, so there it is reported as skipped.
 */
const url = process.env.KURRENTDB_URL;
const describeWithServer = url ? describe : describe.skip;

describeWithServer(`KurrentDbEventStore (contract)${url ? '' : ' — skipped: KURRENTDB_URL not set'}`, () => {
  // $all cannot be emptied between tests: each store reads the log from where it stood when opened.
  eventStoreContract(async () => KurrentDbEventStore.fromEndOfLog(url!));
});
