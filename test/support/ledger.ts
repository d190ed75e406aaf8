import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import type { Role } from '@ledger/domain';
import { LedgerRuntime, createLedgerRuntime, readConfig } from '@ledger/platform';
import { createApp } from '@ledger/api';
import { createTestDatabase, TestDatabase } from './database';

export interface TestLedger {
  runtime: LedgerRuntime;
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  /** A bearer header for an employee of a РИЦ (default 444). */
  auth(sub: string, roles: Role | Role[], ric?: string): { Authorization: string };
  /** A pg Pool of the spec's own on the ledger's database, ended by close() (see TestDatabase.pool). */
  pool: TestDatabase['pool'];
  close(): Promise<void>;
}

export interface TestLedgerOptions {
  /** Start with CLOCK=manual at this instant. */
  clockStart?: string;
  /** Run the projector in the background (default true). */
  projector?: boolean;
}

/** The whole service on a fresh database, as `npm start` builds it, for supertest. */
export async function startTestLedger(options: TestLedgerOptions = {}): Promise<TestLedger> {
  const db: TestDatabase = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-test-data-'));
  const config = readConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    AUTH_SECRET: 'test-secret-of-at-least-thirty-two-characters',
    ...(options.clockStart ? { CLOCK: 'manual', CLOCK_START: options.clockStart } : {}),
  });
  const runtime = await createLedgerRuntime(config, {
    onProjectionError: (name, error) => console.error(`projection ${name} failed:`, error),
  });
  const app = await createApp(runtime, { logger: false });
  await app.init();
  if (options.projector !== false) runtime.startBackground();
  const jwt = new JwtService({ secret: runtime.authSecret });
  return {
    runtime,
    app,
    http: () => request(app.getHttpServer()),
    pool: (config) => db.pool(config),
    auth: (sub, roles, ric = '444') => ({
      Authorization: `Bearer ${jwt.sign({ sub, ric, roles: Array.isArray(roles) ? roles : [roles] }, { algorithm: 'HS256', expiresIn: '1h' })}`,
    }),
    close: async () => {
      await app.close();
      await runtime.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A valid POST /clients body. */
export const clientBody = (clientId: string, extra: Record<string, unknown> = {}) => ({
  clientId,
  name: `Клиент ${clientId}`,
  monthlyFee: 10000,
  category: 'B',
  kppId: 'kpp-1',
  pmId: 'pm-1',
  ...extra,
});
