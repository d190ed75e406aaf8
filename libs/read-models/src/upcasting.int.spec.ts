import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { foldClient } from '@ledger/domain';
import { PostgresEventStore } from '@ledger/eventstore';
import { createTestDatabase, TestDatabase } from '@ledger/test-support';
import { openReadModels } from './data-source';
import { ProjectionRunner } from './projection-runner';
import { CLIENT_STATE_VERSION, clientsProjection } from './projections/clients.projection';

describe('upcasting a real event through the store and a projection', () => {
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

  it('reads a v1 ClientRegistered (no cadence, no billing day) in the current shape everywhere', async () => {
    // as an older build wrote it, straight into the log
    const at = '2025-06-02T09:00:00.000Z';
    const metadata = {
      eventId: randomUUID(),
      ric: '444',
      actor: { id: 'ros-1', role: 'ROS' },
      occurredAt: at,
      recordedAt: at,
      correlationId: randomUUID(),
      causationId: randomUUID(),
      schemaVersion: 1,
    };
    const data = {
      clientId: 'c-old',
      name: 'Старый клиент',
      monthlyFee: 12000,
      category: 'B',
      kppId: 'kpp-1',
      pmId: 'pm-1',
      ric: '444',
    };
    await pool.query(
      `INSERT INTO es_events (stream_id, stream_version, event_id, type, data, metadata, recorded_at)
       VALUES ('client-444-c-old', 1, $1, 'ClientRegistered', $2, $3, $4)`,
      [metadata.eventId, JSON.stringify(data), JSON.stringify(metadata), at],
    );

    // the command path reads the stream and folds it
    const [stored] = await store.readStream('client-444-c-old');
    expect(stored).toMatchObject({
      data: { clientId: 'c-old', contactCadence: 'weekly', billingDay: 1 },
      metadata: { schemaVersion: 2 },
    });
    const state = foldClient([stored!]);
    expect(state).toMatchObject({ status: 'registered', contactCadence: 'weekly', billingDay: 1 });

    // projections read the global log
    const runner = new ProjectionRunner(store, readModels, [clientsProjection]);
    await runner.catchUp();
    const [row] = await readModels.query(
      `SELECT view, state, state_version FROM rm_clients WHERE client_id = 'c-old'`,
    );
    expect(row.view).toMatchObject({ contactCadence: 'weekly', billingDay: 1 });
    expect(row.state).toMatchObject({ contactCadence: 'weekly', billingDay: 1 });
    expect(row.state_version).toBe(CLIENT_STATE_VERSION);
    expect(await runner.statuses()).toEqual([expect.objectContaining({ status: 'running' })]);

    // a new shape of the stored client state (CLIENT_STATE_VERSION raised): the rows are rebuilt
    const reshaped = { ...clientsProjection, version: CLIENT_STATE_VERSION + 1 };
    const next = new ProjectionRunner(store, readModels, [reshaped]);
    expect(await next.statuses()).toEqual([expect.objectContaining({ status: 'outdated' })]);
    await next.catchUp();
    expect(await next.statuses()).toEqual([
      expect.objectContaining({ status: 'running', version: CLIENT_STATE_VERSION + 1 }),
    ]);
    expect(await readModels.query(`SELECT action FROM rm_projection_audit`)).toEqual([{ action: 'rebuilt' }]);
    const [rebuilt] = await readModels.query(`SELECT view FROM rm_clients WHERE client_id = 'c-old'`);
    expect(rebuilt.view).toEqual(row.view);
  });
});
