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
  {
    version: 2,
    name: 'idempotency keys per caller, with an age index for expiry',
    sql: `
      -- Keys used to be scoped by the РИЦ alone; now by '<РИЦ>/<employee id>'. An existing key goes
      -- to the employee who sent it: the actor of the event its answer points at. A key whose
      -- events cannot be found keeps its old scope, is never matched again, and expires.
      UPDATE es_idempotency i
         SET scope = i.scope || '/' || (e.metadata -> 'actor' ->> 'id')
        FROM es_events e
       WHERE strpos(i.scope, '/') = 0
         AND i.response ->> 'position' ~ '^[0-9]+$'
         AND e.position = (i.response ->> 'position')::bigint
         AND e.metadata -> 'actor' ->> 'id' IS NOT NULL;
      CREATE INDEX es_idempotency_created_at ON es_idempotency (created_at);
    `,
  },
];
