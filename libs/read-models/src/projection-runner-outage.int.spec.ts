import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { PostgresEventStore } from '@ledger/eventstore';
import { testEvent } from '@ledger/eventstore/testing';
import { createTestDatabase, TestDatabase } from '@ledger/test-support';
import { openReadModels } from './data-source';
import { ProjectionRunner } from './projection-runner';
import { Projection } from './projections/projection';

/**
 * A database outage is nobody's fault: a projection whose batch failed because the database went
 * away is retried, not marked failed (a `failed` mark written just as the database returned would
 * stay until the next event, and /health would say the projector is down).
 */
describe('ProjectionRunner during a database outage', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let readModels: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = db.pool({ max: 4 });
    store = new PostgresEventStore(pool);
    await store.migrate();
    readModels = await openReadModels(db.url);
  });
  afterAll(async () => {
    await readModels.destroy();
    await pool.end();
    await db.drop();
  });

  it('retries a batch that failed for a transient reason without marking the projection failed', async () => {
    await store.append('client-444-s1', [testEvent('E', { i: 1 })], { expectedVersion: 'no_stream' });
    const outage = Object.assign(new Error('Connection terminated unexpectedly'), { transient: true });
    let attempts = 0;
    const flaky: Projection = {
      name: 'flaky',
      apply: async () => {
        attempts++;
        if (attempts <= 3) throw outage;
      },
      tables: [],
      reset: async () => undefined,
    };
    const errors: unknown[] = [];
    const transient: unknown[] = [];
    const runner = new ProjectionRunner(store, readModels, [flaky], {
      idleMs: 5,
      retryMs: 20,
      onError: (_, error) => errors.push(error),
      isTransient: (error) => {
        const yes = (error as { transient?: boolean }).transient === true;
        if (yes) transient.push(error);
        return yes;
      },
    });
    runner.start();
    const seen: string[] = [];
    const deadline = Date.now() + 10_000;
    while (attempts < 4) {
      const status = (await runner.statuses()).find((s) => s.name === 'flaky')?.status;
      if (status) seen.push(status);
      if (Date.now() > deadline) throw new Error('the batch was not retried');
      await new Promise((r) => setTimeout(r, 5));
    }
    await runner.stop();
    expect(transient).toHaveLength(3);
    expect(errors).toEqual([]);
    expect(seen).not.toContain('failed');
    expect((await runner.statuses()).find((s) => s.name === 'flaky')).toMatchObject({ status: 'running' });
  });
});
