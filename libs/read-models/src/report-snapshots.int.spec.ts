import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { ClientEvent, foldClient } from '@ledger/domain';
import { callConnected, contactClosed, contactPlanned, invoiced, registered } from '@ledger/domain/testing';
import { NewEvent, PostgresEventStore, RecordedEvent } from '@ledger/eventstore';
import { testEvent } from '@ledger/eventstore/testing';
import { createTestDatabase, TestDatabase } from '@ledger/test-support';
import { openReadModels } from './data-source';
import { ProjectionRunner } from './projection-runner';
import { clientsProjection, clientsProjectionWith } from './projections/clients.projection';
import type { Projection } from './projections/projection';
import { REPORT_TABLES } from './projections/reports/report-buffers';
import { DEFAULT_REPORT_PROJECTION_SETTINGS } from './projections/reports/client-report-events';
import { DEFAULT_NECESSITY_SETTINGS } from '@ledger/domain';
import { reportsProjectionWith } from './projections/reports/reports.projection';

const EVERY = 7; // the snapshot interval of these tests (200 in production)
const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 6, minute));
const kpp = { role: 'KPP', employeeId: 'kpp-1' } as const;

/** A client's stream: registered, then works with a connected call, invoices and payments. */
function clientStream(clientId: string): NewEvent[] {
  const events: ClientEvent[] = [registered({ clientId })];
  for (let k = 1; k <= 8; k++)
    events.push(
      invoiced(1_000_000, `i${k}`),
      contactPlanned(`k${k}`, { plannedAt: at(k * 10).toISOString(), assignee: kpp }),
      callConnected(`k${k}`, { durationSec: 300 }),
      contactClosed(`k${k}`),
      { type: 'PaymentReceived', data: { paymentId: `p${k}`, amount: 500_000, paidOn: '2026-03-05' } },
    );
  return events.map((e, i) => ({
    ...testEvent(e.type, e.data, at(i)),
    metadata: { ...testEvent(e.type, e.data, at(i)).metadata, actor: { id: 'kpp-1', role: 'KPP' } },
  }));
}

/**
 * rm_report_clients keeps the folded state as a snapshot every EVERY versions (ADR 0070, third
 * pass); a process that lost its cache refolds the tail from the store. The rows must be those of a
 * run that never lost it, and each snapshot the domain's fold of its stream up to its version.
 */
describe('Reports: the folded state as a snapshot, the tail refolded from the store', () => {
  let db: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  let readModels: DataSource;
  const clients = ['c-1', 'c-2', 'c-3'];

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = db.pool({ max: 8 });
    store = new PostgresEventStore(pool);
    await store.migrate();
    readModels = await openReadModels(db.url);
    // interleaved, a few events of each client per append, as a working day writes the log
    const streams = clients.map(clientStream);
    for (let round = 0; round * 3 < streams[0]!.length; round++)
      for (const [i, events] of streams.entries())
        await store.append(`client-444-${clients[i]}`, events.slice(round * 3, round * 3 + 3), {
          expectedVersion: round === 0 ? 'no_stream' : round * 3,
        });
  });

  afterAll(async () => {
    await readModels?.destroy();
    await pool?.end();
    await db?.drop();
  });

  const reportRows = async () => {
    const rows: Record<string, unknown[]> = {};
    for (const table of REPORT_TABLES)
      rows[table] = await readModels.query(`SELECT * FROM ${table} t ORDER BY t::text`);
    return rows;
  };

  const fromZero = async () => {
    await readModels.query(`DELETE FROM rm_projection_checkpoints`);
    for (const table of [...REPORT_TABLES, 'rm_work_items', 'rm_clients'])
      await readModels.query(`DELETE FROM ${table}`);
  };

  const catchUp = async (reports: Projection, clients = clientsProjection, batchSize = 10) => {
    const runner = new ProjectionRunner(store, readModels, [clients, reports], {
      batchSize,
      catchUpBatchSize: batchSize,
      retryMs: 1,
    });
    await runner.catchUp(60_000);
    expect(await runner.statuses()).toEqual([
      expect.objectContaining({ status: 'running' }),
      expect.objectContaining({ status: 'running' }),
    ]);
  };

  it('a crash between batches and a restart with no cache give the rows of an uninterrupted run', async () => {
    await fromZero();
    await catchUp(reportsProjectionWith(DEFAULT_REPORT_PROJECTION_SETTINGS, EVERY));
    const uninterrupted = await reportRows();

    await fromZero();
    // every third batch the process "crashes" after writing and before committing, and the next
    // batch is applied by a new process: a projection with no cached state
    let current = reportsProjectionWith(DEFAULT_REPORT_PROJECTION_SETTINGS, EVERY);
    let calls = 0;
    let crashes = 0;
    const restarting: Projection = {
      name: 'reports',
      tables: current.tables,
      reset: (manager) => current.reset(manager),
      async apply(manager, events, context) {
        await current.apply(manager, events, context);
        if (++calls % 3 === 0) {
          crashes++;
          current = reportsProjectionWith(DEFAULT_REPORT_PROJECTION_SETTINGS, EVERY);
          throw new Error('the process died before the commit');
        }
      },
    };
    await catchUp(restarting);
    expect(crashes).toBeGreaterThan(3);
    expect(await reportRows()).toEqual(uninterrupted);

    // each stored state: the domain's fold of the stream up to the last multiple of EVERY
    const rows: Array<{ client_id: string; state: unknown; state_at: number; stream_version: number }> =
      await readModels.query(`SELECT client_id, state, state_at, stream_version FROM rm_report_clients`);
    expect(rows).toHaveLength(clients.length);
    for (const row of rows) {
      const stream: RecordedEvent[] = await store.readStream(`client-444-${row.client_id}`);
      expect(row.stream_version).toBe(stream.length); // 41
      expect(row.state_at).toBe(Math.floor(stream.length / EVERY) * EVERY); // 35
      expect(row.state).toEqual(JSON.parse(JSON.stringify(foldClient(stream.slice(0, row.state_at)))));
    }
  });

  it('a batch written in parts while it folds gives the rows of one written at its end', async () => {
    const allRows = async (): Promise<Record<string, unknown[]>> => ({
      ...(await reportRows()),
      rm_clients: await readModels.query(`SELECT * FROM rm_clients t ORDER BY t::text`),
      rm_work_items: await readModels.query(`SELECT * FROM rm_work_items t ORDER BY t::text`),
    });
    const inOne = 1_000_000; // events per part: the whole batch
    await fromZero();
    await catchUp(
      reportsProjectionWith(DEFAULT_REPORT_PROJECTION_SETTINGS, EVERY, inOne),
      clientsProjectionWith(DEFAULT_NECESSITY_SETTINGS, inOne),
      1000,
    );
    const atTheEnd = await allRows();
    expect(atTheEnd['rm_report_attempts']).toHaveLength(clients.length * 8);
    expect(atTheEnd['rm_clients']).toHaveLength(clients.length);
    // a part after every client (1 event per part): each client's rows written on their own
    await fromZero();
    await catchUp(
      reportsProjectionWith(DEFAULT_REPORT_PROJECTION_SETTINGS, EVERY, 1),
      clientsProjectionWith(DEFAULT_NECESSITY_SETTINGS, 1),
      1000,
    );
    expect(await allRows()).toEqual(atTheEnd);
  });

  it('events applied by hand, without the store to refold from, keep the state at every batch', async () => {
    await fromZero();
    const reports = reportsProjectionWith(DEFAULT_REPORT_PROJECTION_SETTINGS, EVERY);
    const events = (await store.readAll(null, 1000)).events;
    await readModels.transaction((manager) => reports.apply(manager, events.slice(0, 50)));
    await readModels.transaction((manager) => reports.apply(manager, events.slice(50)));
    const rows: Array<{ state_at: number; stream_version: number; state: unknown; client_id: string }> =
      await readModels.query(`SELECT client_id, state, state_at, stream_version FROM rm_report_clients`);
    expect(rows.map((r) => [r.state_at, r.stream_version])).toEqual(clients.map(() => [41, 41]));
    // and a projection with no cache reads them as they are: applying again changes nothing
    const before = await reportRows();
    await readModels.transaction((manager) =>
      reportsProjectionWith(DEFAULT_REPORT_PROJECTION_SETTINGS, EVERY).apply(manager, events),
    );
    expect(await reportRows()).toEqual(before);
  });

  it('an erasure (152-ФЗ) is a snapshot of its own: no older state keeps the person in the table', async () => {
    await fromZero();
    const person = {
      contactPersonId: 'ivanova',
      name: 'Иванова Мария',
      roles: ['key_user'],
      phones: ['+7 900 123-45-67'],
      emails: [],
      interests: [],
      subscribedToNewsletter: false,
    };
    // version 1 registers, 2 adds the person, 3–9 pass the snapshot at 7, 10 erases, 11–12 follow
    const events: ClientEvent[] = [
      registered({ clientId: 'c-9' }),
      { type: 'ContactPersonAdded', data: person } as ClientEvent,
      ...clientStream('c-9')
        .slice(1, 8)
        .map((e) => ({ type: e.type, data: e.data }) as ClientEvent),
      { type: 'ContactPersonErased', data: { contactPersonId: 'ivanova', reason: 'заявление' } },
      ...clientStream('c-9')
        .slice(8, 10)
        .map((e) => ({ type: e.type, data: e.data }) as ClientEvent),
    ];
    await store.append(
      'client-444-c-9',
      events.map((e, i) => testEvent(e.type, e.data, at(i))),
      { expectedVersion: 'no_stream' },
    );
    await catchUp(reportsProjectionWith(DEFAULT_REPORT_PROJECTION_SETTINGS, EVERY));
    const [row]: Array<{ state: unknown; state_at: number; stream_version: number }> = await readModels.query(
      `SELECT state, state_at, stream_version FROM rm_report_clients WHERE client_id = 'c-9'`,
    );
    expect([row!.state_at, row!.stream_version]).toEqual([10, 12]); // not 7: that one held her name
    const stream = await store.readStream('client-444-c-9');
    expect(row!.state).toEqual(JSON.parse(JSON.stringify(foldClient(stream.slice(0, 10)))));
    expect(JSON.stringify(row!.state)).not.toContain('Иванова');
    expect(JSON.stringify(row!.state)).not.toContain('123-45-67');
  });
});
