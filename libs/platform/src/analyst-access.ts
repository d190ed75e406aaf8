import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool, escapeIdentifier } from 'pg';
import { LedgerConfig } from './config';
import { embeddedUrl } from './database-password';

/**
 * The analysts' read-only role (docs/analytics.md, ADR 0046): `<database>_analyst`, created by the
 * read models' migration AnalyticsSchema1764300000000 without a password; the service sets its
 * password at every start, so `npm run analyst-url` and the server agree without configuration.
 */
export const analystRoleFor = (database: string): string => `${database.slice(0, 55)}_analyst`;

/** ANALYST_PASSWORD, or one generated once into DATA_DIR/analyst-password (mode 0600). */
export function resolveAnalystPassword(configured: string | null, dataDir: string): string {
  if (configured) return configured;
  const file = join(dataDir, 'analyst-password');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch {
    // Another process wrote it first: use theirs.
  }
  return readFileSync(file, 'utf8').trim();
}

/** The connection URL of the analysts' role for the configured database (embedded or DATABASE_URL). */
export function analystUrl(config: LedgerConfig): string {
  // the embedded server's host and database; the role and its password replace the owner's below
  const url = new URL(config.databaseUrl ?? embeddedUrl('', config.embeddedPostgresPort));
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres';
  url.username = encodeURIComponent(analystRoleFor(database));
  url.password = encodeURIComponent(resolveAnalystPassword(config.analystPassword, config.dataDir));
  return url.toString();
}

/**
 * A SCRAM-SHA-256 verifier of the password (RFC 5802, as PostgreSQL stores it): the server is
 * given the verifier, so the clear password never reaches its statement log.
 */
export function scramVerifier(password: string, salt = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/**
 * Sets the role's password at start. Where the role could not be created (the ledger's user may
 * not create roles) or may not be changed, says so and carries on: analysts' access is not the
 * ledger's work.
 */
export async function applyAnalystPassword(
  pool: Pool,
  config: LedgerConfig,
  log: (line: string) => void,
): Promise<void> {
  try {
    const { rows } = await pool.query<{ db: string }>('SELECT current_database() AS db');
    const role = analystRoleFor(rows[0]!.db);
    const exists = await pool.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (!exists.rowCount) {
      log(`analysts' role ${role} does not exist (docs/analytics.md: creating it by hand)`);
      return;
    }
    const verifier = scramVerifier(resolveAnalystPassword(config.analystPassword, config.dataDir));
    // DDL takes no parameters; the verifier is base64 and `$`/`:` only, and quoted as a literal
    await pool.query(`ALTER ROLE ${escapeIdentifier(role)} PASSWORD '${verifier.replace(/'/g, "''")}'`);
  } catch (error) {
    log(`analysts' role: password not set: ${error instanceof Error ? error.message : String(error)}`);
  }
}
