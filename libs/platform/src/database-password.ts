import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/** The password data folders made before it was generated used (ADR 0021). */
export const LEGACY_PASSWORD = 'postgres';
export const EMBEDDED_DATABASE = 'ledger';

/**
 * The embedded server's superuser password: generated once into `DATA_DIR/db-password`, readable by
 * its owner only (like `auth-secret`), so other users of the machine cannot log in on its port.
 */
export function embeddedPassword(dataDir: string): string {
  const file = join(dataDir, 'db-password');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch {
      // Another process wrote it first: use theirs.
    }
  }
  return readFileSync(file, 'utf8').trim();
}

export const embeddedUrl = (password: string, port: number, database = EMBEDDED_DATABASE): string =>
  `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

const isAuthFailure = (error: unknown) => (error as { code?: string })?.code === '28P01';

/**
 * Connects as the superuser with `password`; a cluster still on the legacy password is moved to it
 * first. Safe to repeat: the password file is written before the server is changed.
 */
export async function connectRotating(password: string, port: number): Promise<Client> {
  const connect = async (secret: string) => {
    const client = new Client({ connectionString: embeddedUrl(secret, port, 'postgres') });
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  };
  try {
    return await connect(password);
  } catch (error) {
    if (!isAuthFailure(error) || password === LEGACY_PASSWORD) throw error;
  }
  const legacy = await connect(LEGACY_PASSWORD).catch((error: unknown) => {
    throw new Error(
      `the embedded PostgreSQL refuses both the password in DATA_DIR/db-password and the old default: ${String(error)}`,
    );
  });
  await legacy.query(`ALTER ROLE postgres PASSWORD ${legacy.escapeLiteral(password)}`);
  await legacy.end();
  return connect(password);
}
