import { Pool } from 'pg';
import { createTestDatabase, TestDatabase } from '@ledger/test-support';
import { eventStoreContract } from '../testing/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';

describe('PostgresEventStore (contract)', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = db.pool({ max: 12 });
    await new PostgresEventStore(pool).migrate();
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  eventStoreContract(async () => {
    await pool.query('TRUNCATE es_events, es_idempotency');
    return new PostgresEventStore(pool);
  });

  it('migrates twice without harm', async () => {
    await new PostgresEventStore(pool).migrate();
  });

  // GROUP_COMMIT=0: every append its own statement and commit, under the same contract
  describe('with group commit off', () => {
    eventStoreContract(async () => {
      await pool.query('TRUNCATE es_events, es_idempotency');
      return new PostgresEventStore(pool, false, { groupCommit: false });
    });
  });
});
