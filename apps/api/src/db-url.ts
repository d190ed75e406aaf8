import { embeddedPassword, embeddedUrl, readConfig } from '@ledger/platform';

/**
 * `npm run -s db-url` prints the database owner's connection URL, for psql and pg_dump:
 * DATABASE_URL when set, else the embedded server's (password from DATA_DIR/db-password).
 */
function main(): void {
  const config = readConfig();
  const url =
    config.databaseUrl ?? embeddedUrl(embeddedPassword(config.dataDir), config.embeddedPostgresPort);
  process.stdout.write(`${url}\n`);
}

main();
