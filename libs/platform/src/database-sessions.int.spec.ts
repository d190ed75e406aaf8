import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from '@ledger/test-support';
import { readConfig } from './config';
import { oldestTransactions } from './database-sessions';
import { LedgerRuntime, createLedgerRuntime } from './runtime';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('database sessions of the runtime', () => {
  let db: TestDatabase;
  let dataDir: string;
  let runtime: LedgerRuntime;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-sessions-'));
    runtime = await createLedgerRuntime(
      readConfig({
        NODE_ENV: 'test',
        DATABASE_URL: db.url,
        DATA_DIR: dataDir,
        AUTH_SECRET: 'test-secret-of-at-least-thirty-two-characters',
        IDLE_IN_TRANSACTION_TIMEOUT_SECONDS: '0.4',
      }),
    );
  });
  afterAll(async () => {
    await runtime.close();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends an event store session left idle inside a transaction', async () => {
    const client = await runtime.pool.connect();
    client.on('error', () => undefined);
    try {
      expect((await client.query('SHOW idle_in_transaction_session_timeout')).rows[0]).toEqual({
        idle_in_transaction_session_timeout: '400ms',
      });
      await client.query('BEGIN');
      await client.query('SELECT pg_current_xact_id()');
      await sleep(900);
      await expect(client.query('SELECT 1')).rejects.toThrow();
    } finally {
      client.release(true);
    }
  });

  it('ends a read-model session left idle inside a transaction', async () => {
    const runner = runtime.readModels.createQueryRunner();
    await runner.connect();
    try {
      expect(await runner.query('SHOW idle_in_transaction_session_timeout')).toEqual([
        { idle_in_transaction_session_timeout: '400ms' },
      ]);
      await runner.startTransaction();
      await runner.query('SELECT 1');
      await sleep(900);
      await expect(runner.query('SELECT 1')).rejects.toThrow();
    } finally {
      await runner.release().catch(() => undefined);
    }
  });

  it('tells the age of the oldest open transaction, and of the oldest holding a transaction id', async () => {
    const client = await runtime.pool.connect();
    client.on('error', () => undefined);
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_current_xact_id()');
      // Busy, not idle: the session timeout leaves a running statement alone.
      await client.query('SELECT pg_sleep(0.6)');
      const ages = await oldestTransactions(runtime.pool);
      expect(ages.writing).toBeGreaterThanOrEqual(0.5);
      expect(ages.open).toBeGreaterThanOrEqual(0.5);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  });
});
