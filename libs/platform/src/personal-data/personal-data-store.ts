import type {
  AppendManyOptions,
  AppendOptions,
  AppendResult,
  EventStore,
  LogBatch,
  LogCursor,
  NewEvent,
  ReadStreamOptions,
  RecordedEvent,
  StoredIdempotentAnswer,
  StreamAppend,
} from '@ledger/eventstore';
import type { Pool } from 'pg';
import type { PersonKeyStore } from './key-store';
import { holdsPlain, openRecord, personOf, personalRecords, sealRecord } from './personal-fields';

const idOf = (record: Record<string, unknown>) => String(record.contactPersonId ?? '');

/**
 * Crypto-shredding at the store's edge (ADR 0058): contact persons' personal fields are sealed with
 * the person's key before they are appended and opened when read, so the domain, the projections and
 * the history see plain data while the log holds none. Once `ContactPersonErased` is appended the key
 * is deleted: every later read — a replay, a rebuild, the history — shows the person as erased.
 */
export class PersonalDataStore implements EventStore {
  /** Present when the inner store has them (the weekly import's batch path, ADR 0045). */
  readonly readStreams?: (streamIds: string[]) => Promise<Map<string, RecordedEvent[]>>;
  readonly appendMany?: (
    appends: StreamAppend[],
    options?: AppendManyOptions,
  ) => Promise<Array<AppendResult | 'conflict'>>;

  constructor(
    private readonly inner: EventStore,
    private readonly keys: PersonKeyStore,
  ) {
    if (inner.readStreams) this.readStreams = (streamIds) => this.readStreamsOpened(streamIds);
    if (inner.appendMany) this.appendMany = (appends, options) => this.appendManySealed(appends, options);
  }

  private async readStreamsOpened(streamIds: string[]): Promise<Map<string, RecordedEvent[]>> {
    const read = await this.inner.readStreams!(streamIds);
    const opened = new Map<string, RecordedEvent[]>();
    for (const [streamId, events] of read) opened.set(streamId, await this.openEvents(events));
    return opened;
  }

  private async appendManySealed(
    appends: StreamAppend[],
    options?: AppendManyOptions,
  ): Promise<Array<AppendResult | 'conflict'>> {
    // every person's key of the batch in two round trips, not two per event (the simulator's
    // batches hold thousands of contact persons; ADR 0105)
    const keys = await this.keys.keysFor(
      appends.flatMap((a) =>
        a.events.flatMap((e) => personalRecords(e.type, e.data).map((r) => personOf(a.streamId, idOf(r)))),
      ),
    );
    const sealed: StreamAppend[] = [];
    for (const a of appends) {
      const events: NewEvent[] = [];
      for (const event of a.events) events.push(await this.sealEvent(a.streamId, event, keys));
      sealed.push({ ...a, events });
    }
    const results = await this.inner.appendMany!(sealed, options);
    for (const [i, a] of appends.entries()) {
      if (results[i] === 'conflict') continue;
      for (const event of a.events) {
        if (event.type === 'ContactPersonErased')
          await this.keys.erase(personOf(a.streamId, idOf(event.data as Record<string, unknown>)));
      }
    }
    return results;
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const sealed: NewEvent[] = [];
    for (const event of events) sealed.push(await this.sealEvent(streamId, event));
    const result = await this.inner.append(streamId, sealed, options);
    for (const event of events) {
      if (event.type === 'ContactPersonErased')
        await this.keys.erase(personOf(streamId, idOf(event.data as Record<string, unknown>)));
    }
    return result;
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.openEvents(await this.inner.readStream(streamId, options));
  }

  async readAll(cursor: LogCursor | null, limit: number): Promise<LogBatch> {
    const batch = await this.inner.readAll(cursor, limit);
    return { ...batch, events: await this.openEvents(batch.events) };
  }

  hasReached(cursor: LogCursor | null, position: string): Promise<boolean> {
    return this.inner.hasReached(cursor, position);
  }
  headCursor(): Promise<LogCursor | null> {
    return this.inner.headCursor();
  }
  headPosition(): Promise<string | null> {
    return this.inner.headPosition();
  }
  findIdempotentAnswer(scope: string, key: string): Promise<StoredIdempotentAnswer | null> {
    return this.inner.findIdempotentAnswer(scope, key);
  }
  purgeExpiredIdempotencyKeys(): Promise<number> {
    return this.inner.purgeExpiredIdempotencyKeys();
  }
  onAppended(listener: () => void): () => void {
    return this.inner.onAppended(listener);
  }
  close(): Promise<void> {
    return this.inner.close();
  }

  /** The event with each personal record sealed under its person's key (from `keys` when given). */
  async sealEvent<E extends { type: string; data: unknown }>(
    streamId: string,
    event: E,
    keys?: ReadonlyMap<string, Buffer | null>,
  ): Promise<E> {
    const records = personalRecords(event.type, event.data);
    if (records.length === 0) return event;
    const sealed: Array<Record<string, unknown>> = [];
    for (const record of records) {
      const person = personOf(streamId, idOf(record));
      const key = keys?.has(person) ? (keys.get(person) ?? null) : await this.keys.keyFor(person);
      sealed.push(sealRecord(record, key, person));
    }
    return { ...event, data: replaceRecords(event.type, event.data, sealed) };
  }

  private async openEvents(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    const persons = events.flatMap((e) =>
      personalRecords(e.type, e.data).map((r) => personOf(e.streamId, idOf(r))),
    );
    if (persons.length === 0) return events;
    const keys = await this.keys.keysOf(persons);
    // an erasure appended by a process that stopped before deleting the key: delete it now
    for (const e of events) {
      if (e.type !== 'ContactPersonErased') continue;
      const person = personOf(e.streamId, idOf(e.data as Record<string, unknown>));
      if (keys.get(person)) {
        await this.keys.erase(person);
        keys.set(person, null);
      }
    }
    return events.map((event) => {
      const records = personalRecords(event.type, event.data);
      if (records.length === 0) return event;
      const opened = records.map((r) => {
        const person = personOf(event.streamId, idOf(r));
        return openRecord(r, keys.get(person), person);
      });
      return { ...event, data: replaceRecords(event.type, event.data, opened) };
    });
  }
}

/** The event's data with its personal records replaced (in the order personalRecords found them). */
function replaceRecords(type: string, data: unknown, records: Array<Record<string, unknown>>): unknown {
  if (type === 'HandedOverToPM') {
    const d = data as { sheet: Record<string, unknown> };
    return { ...d, sheet: { ...d.sheet, contacts: records } };
  }
  return records[0];
}

const PERSONAL_EVENT_TYPES = ['ContactPersonAdded', 'ContactPersonChanged', 'HandedOverToPM'];

/**
 * Seals the personal fields of events written in plain before crypto-shredding (PostgreSQL event
 * store): rewritten in place once, then marked done in pd_state. The only update the log ever gets,
 * for the law's sake (ADR 0058).
 */
export async function sealStoredPersonalData(pool: Pool, store: PersonalDataStore): Promise<number> {
  await pool.query(
    'CREATE TABLE IF NOT EXISTS pd_state (name text PRIMARY KEY, done_at timestamptz NOT NULL DEFAULT now())',
  );
  const done = await pool.query("SELECT 1 FROM pd_state WHERE name = 'es_events_sealed'");
  if (done.rowCount) return 0;
  let sealed = 0;
  let after = '0';
  for (;;) {
    const { rows } = await pool.query<{ position: string; stream_id: string; type: string; data: unknown }>(
      `SELECT position::text, stream_id, type, data FROM es_events
       WHERE type = ANY($1) AND position > $2 ORDER BY position LIMIT 500`,
      [PERSONAL_EVENT_TYPES, after],
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      after = row.position;
      if (!personalRecords(row.type, row.data).some(holdsPlain)) continue;
      const event = await store.sealEvent(row.stream_id, { type: row.type, data: row.data });
      await pool.query('UPDATE es_events SET data = $1 WHERE position = $2', [
        JSON.stringify(event.data),
        row.position,
      ]);
      sealed += 1;
    }
  }
  await pool.query("INSERT INTO pd_state (name) VALUES ('es_events_sealed') ON CONFLICT DO NOTHING");
  return sealed;
}
