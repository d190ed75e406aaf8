import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The HS256 signing secret: AUTH_SECRET, or one generated once into DATA_DIR so that
 * `npm run token` and the server started from the same folder agree without configuration.
 */
export function resolveAuthSecret(authSecret: string | null, dataDir: string): string {
  if (authSecret) return authSecret;
  const file = join(dataDir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  } catch {
    // Another process wrote it first: use theirs.
  }
  return readFileSync(file, 'utf8').trim();
}
