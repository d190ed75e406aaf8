import { recreateAnalyticsViews } from './analytics/analytics-views';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventStore, LogCursor, RecordedEvent } from '@ledger/eventstore';
import { audit, lockCheckpoint, resetCheckpoint } from './checkpoints';
import { ProjectionEventError, messageOf, parkedAtOf } from './projection-failures';
import type { Projection } from './projections/projection';

export interface RebuildContext {
  store: EventStore;
  dataSource: DataSource;
  batchSize: number;
  timeoutMs: number;
  /** Asked between batches: a stopping process gives the rebuild up (the live rows stay as they were). */
  shouldStop?: () => boolean;
  actor?: string;
}

const REBUILD_LOCK = 72_003;
const NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Builds the projection from the first event into shadow copies of its tables (schema
 * `rm_rebuild_<name>`), in committed batches, while the live rows keep being served and projected;
 * then, in one short transaction holding the live checkpoint, applies the tail and swaps the
 * tables in (ADR 0031). Answers how many events the new rows hold.
 */
export async function rebuildAside(context: RebuildContext, projection: Projection): Promise<number> {
  if (!NAME.test(projection.name) || !projection.tables.every((t) => NAME.test(t)))
    throw new Error(`projection ${projection.name}: names must match ${NAME}`);
  const { dataSource } = context;
  const shadow = `rm_rebuild_${projection.name}`;
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    const [{ locked }] = await lock.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [
      REBUILD_LOCK,
      projection.name,
    ]);
    if (!locked) throw new Error(`a rebuild of ${projection.name} is already running`);
    const [{ live, path }] = await lock.query(
      `SELECT current_schema() AS live, current_setting('search_path') AS path`,
    );
    const builder = new ShadowBuilder(context, projection, shadow, live, `${shadow}, ${path}`);
    try {
      return await builder.run();
    } finally {
      await dataSource.query(`DROP SCHEMA IF EXISTS ${shadow} CASCADE`).catch(() => undefined);
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1, hashtext($2))', [REBUILD_LOCK, projection.name]);
    await lock.release();
  }
}

class ShadowBuilder {
  private cursor: LogCursor | null = null;
  private position: string | null = null;
  private total = 0;

  constructor(
    private readonly context: RebuildContext,
    private readonly projection: Projection,
    private readonly shadow: string,
    private readonly live: string,
    private readonly searchPath: string,
  ) {}

  async run(): Promise<number> {
    const { dataSource, store } = this.context;
    await dataSource.query(`DROP SCHEMA IF EXISTS ${this.shadow} CASCADE`);
    await dataSource.query(`CREATE SCHEMA ${this.shadow}`);
    for (const table of this.projection.tables) {
      await dataSource.query(
        `CREATE TABLE ${this.shadow}.${table} (LIKE ${this.live}.${table} INCLUDING ALL)`,
      );
    }
    // Everything committed before now, in committed batches; later events come with the tail.
    const head = await store.headPosition();
    const deadline = Date.now() + this.context.timeoutMs;
    while (head !== null && !(await store.hasReached(this.cursor, head))) {
      if (this.context.shouldStop?.()) throw new Error(`rebuild of ${this.projection.name} stopped`);
      const applied = await dataSource.transaction((manager) => this.applyNext(manager));
      if (applied > 0) continue;
      // An older transaction elsewhere still hides part of the log: wait for it.
      if (Date.now() > deadline)
        throw new Error(`rebuild of ${this.projection.name} did not reach position ${head} in time`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // Most of the tail outside the swap, so that the swap itself stays short.
    while ((await dataSource.transaction((manager) => this.applyNext(manager))) === this.context.batchSize);
    await dataSource.transaction((manager) => this.swap(manager));
    return this.total;
  }

  /** Applies the next batch to the shadow tables; answers how many events it applied. */
  private async applyNext(manager: EntityManager): Promise<number> {
    const batch = await this.context.store.readAll(this.cursor, this.context.batchSize);
    if (batch.events.length === 0) return 0;
    await manager.query(`SET LOCAL search_path TO ${this.searchPath}`);
    // for the rest of this transaction only; the checkpoint and audit tables are not shadowed
    await this.apply(manager, batch.events);
    this.cursor = batch.cursor;
    this.position = batch.events[batch.events.length - 1]!.position;
    this.total += batch.events.length;
    return batch.events.length;
  }

  private async apply(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
    const refused = this.projection.accepts ? events.find((e) => !this.projection.accepts!(e)) : undefined;
    if (refused)
      throw new ProjectionEventError(
        this.projection.name,
        parkedAtOf(refused),
        'unknown event type or version',
      );
    try {
      await this.projection.apply(manager, events, { store: this.context.store });
    } catch (error) {
      throw new Error(
        `rebuild of ${this.projection.name} failed on the events at positions ${events[0]!.position}–${events[events.length - 1]!.position}: ${messageOf(error)}`,
      );
    }
  }

  /** One short transaction: hold the live checkpoint, apply the tail, swap the tables, move the checkpoint. */
  private async swap(manager: EntityManager): Promise<void> {
    await manager.query(`SET LOCAL lock_timeout = '10s'`);
    await lockCheckpoint(manager, this.projection);
    while ((await this.applyNext(manager)) > 0);
    for (const table of this.projection.tables) await this.swapTable(manager, table);
    // the analysts' views were bound to the tables just dropped: made again over the new ones
    if (this.projection.tables.length > 0) await recreateAnalyticsViews((sql) => manager.query(sql));
    await manager.query(`DROP SCHEMA ${this.shadow}`);
    await resetCheckpoint(manager, this.projection, {
      cursor: this.cursor,
      position: this.position,
      eventsProcessed: this.total,
    });
    await audit(manager, {
      projection: this.projection.name,
      action: 'rebuilt',
      actor: this.context.actor ?? 'rebuild',
      reason: `${this.total} events`,
    });
  }

  /** Replaces the live table by its shadow copy, keeping the live index names (migrations refer to them). */
  private async swapTable(manager: EntityManager, table: string): Promise<void> {
    const indexes = (schema: string): Promise<Array<{ indexname: string; indexdef: string }>> =>
      manager.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2`, [
        schema,
        table,
      ]);
    const liveIndexes = await indexes(this.live);
    // CASCADE drops only the analytics views over it, made again after the swap
    await manager.query(`DROP TABLE ${this.live}.${table} CASCADE`);
    await manager.query(`ALTER TABLE ${this.shadow}.${table} SET SCHEMA ${this.live}`);
    for (const index of await indexes(this.live)) {
      const same = liveIndexes.find((old) => indexShape(old.indexdef) === indexShape(index.indexdef));
      if (same && same.indexname !== index.indexname)
        await manager.query(`ALTER INDEX ${this.live}."${index.indexname}" RENAME TO "${same.indexname}"`);
    }
  }
}

/** An index definition without its name and schema: what makes two indexes the same. */
const indexShape = (definition: string): string =>
  definition.replace(/^(CREATE (?:UNIQUE )?INDEX) \S+ ON (?:ONLY )?\S+?\.(\S+)/, '$1 ON $2');
