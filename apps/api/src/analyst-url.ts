import { analystUrl, readConfig } from '@ledger/platform';

/**
 * `npm run -s analyst-url` prints the connection URL of the analysts' read-only role for the
 * configuration of this folder (DATABASE_URL or the embedded server; ANALYST_PASSWORD or the
 * password generated once into DATA_DIR, which the service sets at its start). docs/analytics.md.
 */
process.stdout.write(`${analystUrl(readConfig())}\n`);
