import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { ClientCommand } from '@ledger/domain';
import { createTestDatabase, TestDatabase } from '@ledger/test-support';
import { analystRoleFor, analystUrl } from './analyst-access';
import { readConfig } from './config';
import { LedgerRuntime, createLedgerRuntime } from './runtime';

const ANALYTICS_VIEWS = [
  'analytics.client_diagnostic_failures',
  'analytics.client_usage_weeks',
  'analytics.clients',
  'analytics.deadlines',
  'analytics.work_items',
];

/** Issue 12 "Read-only SQL for analysts": the role reads the analytics views and nothing else. */
describe('the analysts’ read-only role', () => {
  let db: TestDatabase;
  let dataDir: string;
  let runtime: LedgerRuntime;
  const env = () => ({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    AUTH_SECRET: 'test-secret-of-at-least-thirty-two-characters',
  });
  const analyst = async (url = analystUrl(runtime.config)) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    return client;
  };
  /** The SQLSTATE a statement fails with, or 'ok'. */
  const outcome = async (client: Client, sql: string): Promise<string> => {
    try {
      await client.query(sql);
      return 'ok';
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-analyst-'));
    runtime = await createLedgerRuntime(readConfig(env()));
    const run = (ric: string, clientId: string, command: ClientCommand) =>
      runtime.commands.execute({ ric, clientId, actor: { id: 'ros-1', role: 'ROS' }, command });
    for (const [ric, clientId] of [
      ['444', 'c-1'],
      ['555', 'c-2'],
    ] as const) {
      await run(ric, clientId, {
        type: 'RegisterClient',
        clientId,
        name: `ООО ${clientId}`,
        monthlyFee: 12000,
        category: 'A',
        kppId: 'kpp-1',
        pmId: 'pm-1',
        contactCadence: 'weekly',
        billingDay: 1,
      });
    }
    await run('444', 'c-1', {
      type: 'AddContactPerson',
      contactPersonId: 'p-1',
      name: 'Иванова Мария',
      roles: ['key_user'],
      phones: ['+7 978 123-45-67'],
      emails: ['m@example.ru'],
      interests: [],
    });
    await run('444', 'c-1', {
      type: 'RecordUsage',
      observation: {
        weekStart: '2026-03-02',
        portalRequests: 2,
        hotlineRequests: 0,
        trainedShare: 0.5,
        webinars: 1,
        newsletterClicks: 0,
        videoClicks: 0,
        updatesInstalled: true,
        renewalPeriodStarted: false,
        unreturnedActs: 0,
        competitor: 'no',
        portalDepartments: ['legal'],
        serviceActivity: {
          documentOrders: 3,
          onlineOrders: 0,
          consultingLineRequests: 1,
          selectionOrders: 0,
          trainedUsers: 2,
          onlineDialogRequests: 0,
          personalAccountRegistered: true,
          techSupportRequests: 0,
        },
      },
    });
    await runtime.settle();
  });
  afterAll(async () => {
    await runtime.close();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('connects with the generated password (kept in DATA_DIR, mode 0600) and reads every view', async () => {
    expect(statSync(join(dataDir, 'analyst-password')).mode & 0o777).toBe(0o600);
    const database = new URL(db.url).pathname.slice(1);
    expect(new URL(analystUrl(runtime.config)).username).toBe(analystRoleFor(database));
    const client = await analyst();
    try {
      const clients = await client.query(
        'SELECT ric, client_id, name, category, monthly_fee, lifecycle, kpp_id FROM analytics.clients ORDER BY ric',
      );
      expect(clients.rows).toEqual([
        {
          ric: '444',
          client_id: 'c-1',
          name: 'ООО c-1',
          category: 'A',
          monthly_fee: '12000.00',
          lifecycle: 'candidate',
          kpp_id: 'kpp-1',
        },
        {
          ric: '555',
          client_id: 'c-2',
          name: 'ООО c-2',
          category: 'A',
          monthly_fee: '12000.00',
          lifecycle: 'candidate',
          kpp_id: 'kpp-1',
        },
      ]);
      const weeks = await client.query(
        `SELECT client_id, week_start::text, logins, portal_requests, trained_share::text, portal_departments,
                document_orders, personal_account_registered FROM analytics.client_usage_weeks`,
      );
      // logins were not imported: NULL (unknown), not 0
      expect(weeks.rows).toEqual([
        {
          client_id: 'c-1',
          week_start: '2026-03-02',
          logins: null,
          portal_requests: 2,
          trained_share: '0.5',
          portal_departments: ['legal'],
          document_orders: 3,
          personal_account_registered: true,
        },
      ]);
      for (const view of ANALYTICS_VIEWS)
        expect(await outcome(client, `SELECT count(*) FROM ${view}`)).toBe('ok');
      // personal data of contact persons is in no view
      const everything = await client.query(
        `SELECT json_agg(t)::text AS text FROM (SELECT * FROM analytics.clients) t`,
      );
      expect(everything.rows[0].text).not.toMatch(/Иванова|123-45-67|example\.ru/);
    } finally {
      await client.end();
    }
  });

  it('writes nothing and reads no table, even in a read-write transaction', async () => {
    const client = await analyst();
    try {
      expect((await client.query('SHOW default_transaction_read_only')).rows[0]).toEqual({
        default_transaction_read_only: 'on',
      });
      // what refuses below is the role's rights, not the read-only default the analyst could change
      await client.query('SET default_transaction_read_only = off');
      const refused: Record<string, string> = {};
      for (const sql of [
        'SELECT * FROM public.es_events',
        'SELECT * FROM public.es_idempotency',
        'SELECT * FROM public.rm_clients',
        'SELECT * FROM public.rm_work_items',
        'SELECT * FROM public.rm_deadlines',
        'SELECT * FROM public.rm_projection_checkpoints',
        'SELECT * FROM public.rm_migrations',
        "INSERT INTO analytics.work_items (ric, client_id, item_id) VALUES ('444', 'c-1', 'x')",
        "UPDATE analytics.clients SET name = 'x'",
        'DELETE FROM analytics.deadlines',
        'TRUNCATE public.es_events',
        "DELETE FROM public.es_events WHERE stream_id = 'x'",
        'CREATE TABLE analytics.mine (x int)',
        'CREATE VIEW analytics.mine AS SELECT 1 AS x',
        'CREATE TABLE public.mine (x int)',
        'CREATE TEMP TABLE mine (x int)',
        'CREATE SCHEMA mine',
        'SELECT public.analytics_grant_views()',
      ])
        refused[sql] = await outcome(client, sql);
      // 42501: insufficient privilege
      expect(refused).toEqual(Object.fromEntries(Object.keys(refused).map((sql) => [sql, '42501'])));
    } finally {
      await client.end();
    }
  });

  it('has SELECT on the analytics views and no right on any other relation', async () => {
    const database = new URL(db.url).pathname.slice(1);
    const { rows } = await runtime.pool.query(
      `SELECT n.nspname || '.' || c.relname AS name,
              has_table_privilege($1, c.oid, 'SELECT') AS can_select,
              has_table_privilege($1, c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER') AS can_change
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f', 'S')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`,
      [analystRoleFor(database)],
    );
    expect(
      rows
        .filter((r) => r.can_select)
        .map((r) => r.name)
        .sort(),
    ).toEqual(ANALYTICS_VIEWS);
    expect(rows.filter((r) => r.can_change)).toEqual([]);
    expect(rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['public.es_events', 'public.rm_clients']),
    );
  });

  it('still reads the views after the projections are rebuilt (views are bound to their tables)', async () => {
    const before = await analyst();
    const count = async () =>
      (await before.query('SELECT count(*)::int AS n FROM analytics.client_usage_weeks')).rows[0].n;
    try {
      expect(await count()).toBe(1);
      for (const name of ['clients', 'deadlines']) await runtime.projector.rebuild(name);
      expect(await count()).toBe(1);
      for (const view of ANALYTICS_VIEWS)
        expect(await outcome(before, `SELECT count(*) FROM ${view}`)).toBe('ok');
    } finally {
      await before.end();
    }
  });

  it('takes ANALYST_PASSWORD at the next start; the old password no longer connects', async () => {
    const before = analystUrl(runtime.config);
    await runtime.close();
    runtime = await createLedgerRuntime(
      readConfig({ ...env(), ANALYST_PASSWORD: 'a password; with @ and /' }),
    );
    const after = analystUrl(runtime.config);
    expect(decodeURIComponent(new URL(after).password)).toBe('a password; with @ and /');
    const client = await analyst(after);
    expect((await client.query('SELECT count(*)::int AS n FROM analytics.clients')).rows[0].n).toBe(2);
    await client.end();
    await expect(analyst(before)).rejects.toMatchObject({ code: '28P01' });
  });

  it('prints the embedded server’s URL when no DATABASE_URL is set', () => {
    const config = readConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, EMBEDDED_PG_PORT: '54444' });
    const url = new URL(analystUrl(config));
    expect([url.username, url.hostname, url.port, url.pathname]).toEqual([
      'ledger_analyst',
      '127.0.0.1',
      '54444',
      '/ledger',
    ]);
    expect(url.password.length).toBeGreaterThanOrEqual(32);
  });
});
