import type { Pool } from 'pg';

/**
 * Settings every database session of the service starts with (the event store's pool and the read
 * models' TypeORM pool). A transaction left open holds a transaction id, and every reader of the
 * log waits behind the oldest one (ADR 0001): the server ends a session idle inside a transaction
 * for longer than the limit, so a forgotten transaction cannot stall the projections for good.
 */
export interface SessionSettings {
  idle_in_transaction_session_timeout: number;
}

export const sessionSettings = (idleInTransactionTimeoutSeconds: number): SessionSettings => ({
  idle_in_transaction_session_timeout: Math.max(1, Math.round(idleInTransactionTimeoutSeconds * 1000)),
});

export interface OldestTransactions {
  /** Age of the oldest transaction on the server holding a transaction id: log readers wait for it. */
  writing: number;
  /** Age of the oldest open transaction in the ledger's database, writing or not. */
  open: number;
}

/**
 * Seconds since the oldest transactions began (0 when there are none). Sessions of other database
 * users show no start time unless the service's user may read all statistics (pg_read_all_stats).
 */
export async function oldestTransactions(pool: Pool): Promise<OldestTransactions> {
  const { rows } = await pool.query<{ writing: string; open: string }>(
    `SELECT coalesce(extract(epoch FROM max(clock_timestamp() - xact_start)
                       FILTER (WHERE backend_xid IS NOT NULL)), 0)::text AS writing,
            coalesce(extract(epoch FROM max(clock_timestamp() - xact_start)
                       FILTER (WHERE datname = current_database())), 0)::text AS open
       FROM pg_stat_activity
      WHERE xact_start IS NOT NULL AND pid <> pg_backend_pid()`,
  );
  return { writing: Number(rows[0]!.writing), open: Number(rows[0]!.open) };
}
