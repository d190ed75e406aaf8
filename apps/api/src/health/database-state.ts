import type { LedgerRuntime, ServerState } from '@ledger/platform';

/** Why the embedded PostgreSQL is not serving, or null when it is (or the database is outside). */
export function databaseDownReason(runtime: Pick<LedgerRuntime, 'embeddedDatabase'>): string | null {
  const status: ServerState | undefined = runtime.embeddedDatabase?.status();
  if (!status) return null;
  switch (status.state) {
    case 'up':
      return null;
    case 'restarting':
      return `${status.reason}; restarting it, attempt ${status.attempt}`;
    case 'failed':
      return `${status.reason}; it could not be started again`;
    case 'stopped':
      return 'the embedded PostgreSQL is stopped';
    default: {
      const never: never = status;
      return never;
    }
  }
}
