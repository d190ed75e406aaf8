/**
 * The event store's own tables. Versioned statements, applied in order, each once; kept apart from
 * the read models' TypeORM migrations because the store may live in another database.
 */
export const EVENT_STORE_MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'events and idempotency keys',
    sql: `
      CREATE TABLE es_events (
        position        bigserial PRIMARY KEY,
        -- The writing transaction: readers order by it and never pass the oldest running one,
        -- so a transaction that commits late cannot slip an event behind a reader.
        transaction_id  xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id       text NOT NULL,
        stream_version  integer NOT NULL,
        event_id        uuid NOT NULL UNIQUE,
        type            text NOT NULL,
        data            jsonb NOT NULL,
        metadata        jsonb NOT NULL,
        recorded_at     timestamptz NOT NULL,
        CONSTRAINT es_events_stream_version UNIQUE (stream_id, stream_version)
      );
      CREATE INDEX es_events_log_order ON es_events (transaction_id, position);

      CREATE TABLE es_idempotency (
        scope         text NOT NULL,
        key           text NOT NULL,
        request_hash  text NOT NULL,
        response      jsonb NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      );
    `,
  },
];
