import { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { ClientEvent, DEFAULT_NECESSITY_SETTINGS, foldClient } from '@ledger/domain';
import { callConnected, contactClosed, contactPlanned, invoiced, registered } from '@ledger/domain/testing';
import { EventStore, PostgresEventStore } from '@ledger/eventstore';
import { testEvent } from '@ledger/eventstore/testing';
import { createTestDatabase, TestDatabase, usageWeek } from '@ledger/test-support';
import { checkpointOf, isOutdated } from './checkpoints';
import { openReadModels } from './data-source';
import { ProjectionRunner } from './projection-runner';
import { CLIENT_STATE_VERSION, clientsProjectionWith } from './projections/clients.projection';
import type { Projection } from './projections/projection';

const EVERY = 6; // the snapshot interval of these tests (200 in production)
const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 6, minute));
const kpp = { role: 'KPP', employeeId: 'kpp-1' } as const;

/** A week of CRM facts (the analytics view client_usage_weeks reads them from rm_client_usage_weeks). */
const usageObserved = (weekStart: string, logins: number): ClientEvent =>
  ({
    type: 'UsageObserved',
    data: usageWeek(weekStart, {
      logins,
      portalRequests: 1,
      portalDepartments: ['accounting'],
      departmentsTrainedBelowHalf: 0,
      seminarCertificates: 0,
    }),
  }) as ClientEvent;

/** Registered, then weeks of an invoice, a call, a closed contact, a payment and the week's usage. */
function clientStream(clientId: string, weeks = 15): ClientEvent[] {
  const events: ClientEvent[] = [registered({ clientId })];
  for (let k = 1; k <= weeks; k++)
    events.push(
      invoiced(1_000_000, `i${k}`),
      contactPlanned(`k${k}`, { plannedAt: at(k * 10).toISOString(), assignee: kpp }),
      callConnected(`k${k}`, { durationSec: 300 }),
      contactClosed(`k${k}`),
      { type: 'PaymentReceived', data: { paymentId: `p${k}`, amount: 500_000, paidOn: '2026-03-05' } },
      usageObserved(`2026-03-${String(2 + k).padStart(2, '0')}`, k),
    );
  return events;
}

/**
 * rm_clients.state is a snapshot every EVERY versions and at each erasure (ADR 0070, fifth pass); a
 * process that lost its cache refolds the tail from the store, and a batch rolled back leaves no
 * cached state the rows do not hold. The rows must be those of a run that wrote the state at every
 * batch, and each snapshot the domain's fold of its stream up to its version.
 */
describe('Clients: the folded state as a snapshot, the tail refolded from the store', () => {
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
    const streams = clients.map((id) => clientStream(id));
    for (let round = 0; round * 4 < streams[0]!.length; round++)
      for (const [i, events] of streams.entries())
        await store.append(
          `client-444-${clients[i]}`,
          events.slice(round * 4, round * 4 + 4).map((e, j) => testEvent(e.type, e.data, at(round * 4 + j))),
          { expectedVersion: round === 0 ? 'no_stream' : round * 4 },
        );
  });

  afterAll(async () => {
    await readModels?.destroy();
    await pool?.end();
    await db?.drop();
  });

  const fromZero = async () => {
    await readModels.query(`DELETE FROM rm_projection_checkpoints`);
    await readModels.query(`DELETE FROM rm_work_items`);
    await readModels.query(`DELETE FROM rm_client_usage_weeks`);
    await readModels.query(`DELETE FROM rm_clients`);
  };

  /** Every column but the stored state, and the planner items; `analytics` too: what readers see. */
  const rows = async () => ({
    clients: await readModels.query(
      `SELECT to_jsonb(t) - 'state' - 'state_at' AS row FROM rm_clients t ORDER BY client_id`,
    ),
    workItems: await readModels.query(`SELECT * FROM rm_work_items t ORDER BY t::text`),
    usage: await readModels.query(`SELECT * FROM analytics.client_usage_weeks t ORDER BY t::text`),
    analytics: await readModels.query(`SELECT * FROM analytics.clients t ORDER BY t::text`),
  });

  const catchUp = async (clientsProjection: Projection, from: EventStore = store) => {
    const runner = new ProjectionRunner(from, readModels, [clientsProjection], {
      batchSize: 10,
      catchUpBatchSize: 10,
      retryMs: 1,
    });
    // a batch that fails is tried again, as the runner's loop does after its retry delay
    for (let attempt = 1; ; attempt++)
      try {
        await runner.catchUp(60_000);
        break;
      } catch (error) {
        if (attempt > 100) throw error;
      }
    expect(await runner.statuses()).toEqual([expect.objectContaining({ status: 'running' })]);
  };

  /** Each stored state: the domain's fold of the stream up to its snapshot version. */
  const expectSnapshotsOfTheStreams = async (snapshotAt: (version: number) => number) => {
    const stored: Array<{ client_id: string; state: unknown; state_at: number; stream_version: number }> =
      await readModels.query(`SELECT client_id, state, state_at, stream_version FROM rm_clients`);
    expect(stored).toHaveLength(clients.length);
    for (const row of stored) {
      const stream = await store.readStream(`client-444-${row.client_id}`);
      expect(row.stream_version).toBe(stream.length); // 91
      expect(row.state_at).toBe(snapshotAt(stream.length));
      expect(row.state).toEqual(JSON.parse(JSON.stringify(foldClient(stream.slice(0, row.state_at)))));
      // and the usage weeks: those the state at the row's version keeps (the last 13)
      const weeks = await readModels.query(
        `SELECT facts FROM rm_client_usage_weeks WHERE client_id = $1 ORDER BY week_start`,
        [row.client_id],
      );
      const now = foldClient(stream);
      expect(weeks.map((w: { facts: unknown }) => w.facts)).toEqual(
        now.status === 'registered' ? now.usage : null,
      );
    }
  };

  it('a restart with no cache and batches rolled back midway give the rows of a run that kept the whole state', async () => {
    // the state at every version: what the projection stored before snapshots
    await fromZero();
    await catchUp(clientsProjectionWith(DEFAULT_NECESSITY_SETTINGS, undefined, 1));
    await expectSnapshotsOfTheStreams((version) => version);
    const whole = await rows();
    expect(whole.clients).toHaveLength(clients.length);
    expect(whole.usage).toHaveLength(clients.length * 13); // 15 weeks seen, the last 13 kept

    await fromZero();
    await catchUp(clientsProjectionWith(DEFAULT_NECESSITY_SETTINGS, undefined, EVERY));
    expect(await rows()).toEqual(whole);
    await expectSnapshotsOfTheStreams((version) => Math.floor(version / EVERY) * EVERY || 1); // 90

    // Every third batch the process "crashes" after writing and before committing, and the next batch
    // is applied by a new process (no cached state); every fourth, a write of the batch fails midway
    // (a part written, the next refused) and the same process goes on with what it has cached.
    // The tails are read in one batched read, or stream by stream from a store that has none.
    const withoutBatchedRead: EventStore = Object.assign(Object.create(store) as EventStore, {
      readStreams: undefined,
    });
    for (const from of [store, withoutBatchedRead]) {
      await fromZero();
      let current = clientsProjectionWith(DEFAULT_NECESSITY_SETTINGS, 1, EVERY); // a part per client
      let calls = 0;
      const failures = { crash: 0, midway: 0 };
      const failing: Projection = {
        ...current,
        reset: (manager) => current.reset(manager),
        async apply(manager, events, context) {
          const call = ++calls;
          let statements = 0;
          const refusing = new Proxy(manager, {
            get(target, property, receiver) {
              if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
              return (sql: string, parameters?: unknown[]) => {
                if (call % 4 === 0 && sql.startsWith('INSERT INTO rm_clients') && ++statements === 2) {
                  failures.midway++;
                  return Promise.reject(new Error('the connection broke midway'));
                }
                return target.query(sql, parameters);
              };
            },
          }) as EntityManager;
          await current.apply(refusing, events, context);
          if (call % 3 === 0) {
            failures.crash++;
            current = clientsProjectionWith(DEFAULT_NECESSITY_SETTINGS, 1, EVERY);
            throw new Error('the process died before the commit');
          }
        },
      };
      await catchUp(failing, from);
      expect(failures.crash).toBeGreaterThan(3);
      expect(failures.midway).toBeGreaterThan(3);
      expect(await rows()).toEqual(whole);
      await expectSnapshotsOfTheStreams((version) => Math.floor(version / EVERY) * EVERY || 1);
    }
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
    // version 1 registers, 2 adds the person, 3–8 pass the snapshot at 6, 9 erases, 10–11 follow
    const events: ClientEvent[] = [
      registered({ clientId: 'c-9' }),
      { type: 'ContactPersonAdded', data: person } as ClientEvent,
      ...clientStream('c-9', 2).slice(1, 7),
      { type: 'ContactPersonErased', data: { contactPersonId: 'ivanova', reason: 'заявление' } },
      ...clientStream('c-9', 2).slice(7, 9),
    ];
    await store.append(
      'client-444-c-9',
      events.map((e, i) => testEvent(e.type, e.data, at(i))),
      { expectedVersion: 'no_stream' },
    );
    await catchUp(clientsProjectionWith(DEFAULT_NECESSITY_SETTINGS, undefined, EVERY));
    const [row]: Array<{ state: unknown; state_at: number; stream_version: number }> = await readModels.query(
      `SELECT state, state_at, stream_version FROM rm_clients WHERE client_id = 'c-9'`,
    );
    expect([row!.state_at, row!.stream_version]).toEqual([9, 11]); // not 6: that one held her name
    const stream = await store.readStream('client-444-c-9');
    expect(row!.state).toEqual(JSON.parse(JSON.stringify(foldClient(stream.slice(0, 9)))));
    expect(JSON.stringify(row!.state)).not.toContain('Иванова');
    expect(JSON.stringify(row!.state)).not.toContain('123-45-67');
    // nor does any other column of the row
    const [all] = await readModels.query(`SELECT t::text AS text FROM rm_clients t WHERE client_id = 'c-9'`);
    expect(all.text).not.toContain('Иванова');
  });

  it("undone for the build before, which reads the state as at the row's version, the clients projection is rebuilt there before it projects on", async () => {
    await fromZero();
    const projection = clientsProjectionWith(DEFAULT_NECESSITY_SETTINGS, undefined, EVERY);
    await catchUp(projection);
    const behind: Array<{ n: number }> = await readModels.query(
      `SELECT count(*)::int AS n FROM rm_clients WHERE state_at < stream_version`,
    );
    expect(behind[0]!.n).toBeGreaterThan(0); // snapshots older than their rows: stale for the build before
    await readModels.query(`UPDATE rm_clients SET state = NULL, state_at = 0 WHERE client_id = 'c-1'`);

    await readModels.undoLastMigration({ transaction: 'each' });

    const checkpoint = await checkpointOf(readModels.manager, 'clients');
    expect(checkpoint!.version).not.toBe(CLIENT_STATE_VERSION);
    // the build before has the same name and version for it: it finds the rows outdated and rebuilds
    expect(isOutdated(projection, checkpoint)).toBe(true);
    const columns: Array<{ column_name: string; is_nullable: string }> = await readModels.query(
      `SELECT column_name, is_nullable FROM information_schema.columns
        WHERE table_name = 'rm_clients' AND column_name IN ('state', 'state_at', 'promises')`,
    );
    expect(columns).toEqual([{ column_name: 'state', is_nullable: 'NO' }]);
    expect(await readModels.query(`SELECT to_regclass('rm_client_usage_weeks') AS t`)).toEqual([{ t: null }]);
    // forward again (and so for any test after this one)
    await readModels.runMigrations({ transaction: 'each' });
    expect(isOutdated(projection, await checkpointOf(readModels.manager, 'clients'))).toBe(true);
  });
});
