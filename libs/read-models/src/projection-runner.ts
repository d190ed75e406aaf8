import type { DataSource, EntityManager } from 'typeorm';
import type { EventStore, LogCursor, RecordedEvent } from '@ledger/eventstore';
import { ProjectionCheckpoint } from './entities/projection-checkpoint.entity';
import { Projection } from './projections/projection';

export interface ProjectionRunnerOptions {
  batchSize?: number;
  /** How long to sleep when the log has nothing new and no append woke us. */
  idleMs?: number;
  /** Delay before retrying a projection whose batch failed. */
  retryMs?: number;
  onError?: (projection: string, error: unknown) => void;
  /** An error that is nobody's fault (database outage): retried later, the projection not marked failed. */
  isTransient?: (error: unknown) => boolean;
}

type Status = {
  name: string;
  cursor: LogCursor | null;
  position: string | null;
  status: string;
  lastError: string | null;
};

/**
 * Reads the global log and feeds each projection in batches. Each batch commits the projection's
 * rows and its checkpoint in one transaction, so a crash anywhere loses nothing and repeats nothing.
 */
export class ProjectionRunner {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly retryMs: number;
  private readonly failedUntil = new Map<string, number>();

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    readonly projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.idleMs = options.idleMs ?? 200;
    this.retryMs = options.retryMs ?? 1000;
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.store.onAppended(() => this.wake?.());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let progressed = false;
      for (const projection of this.projections) {
        if ((this.failedUntil.get(projection.name) ?? 0) > Date.now()) continue;
        try {
          progressed = (await this.processBatch(projection)) > 0 || progressed;
          this.failedUntil.delete(projection.name);
        } catch (error) {
          // One failing projection must not stop the others: mark it, retry it later.
          this.failedUntil.set(projection.name, Date.now() + this.retryMs);
          if (this.options.isTransient?.(error)) continue;
          this.options.onError?.(projection.name, error);
          await this.markFailed(projection.name, error).catch(() => undefined);
        }
      }
      if (!progressed && this.running) await this.sleep(this.idleMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** Applies one batch to one projection; answers how many events it applied. */
  async processBatch(projection: Projection): Promise<number> {
    const before = await this.checkpointOf(this.dataSource.manager, projection.name);
    const batch = await this.store.readAll(before?.cursor ?? null, this.batchSize);
    if (batch.events.length === 0) return 0;
    await this.dataSource.transaction(async (manager) => {
      // Lock the checkpoint; if another runner moved it meanwhile, leave this batch to it.
      const locked = await this.lockCheckpoint(manager, projection.name);
      if ((locked.cursor ?? null) !== (before?.cursor ?? null)) return;
      await projection.apply(manager, batch.events);
      await this.saveCheckpoint(manager, projection.name, batch.cursor, batch.events, locked);
    });
    return batch.events.length;
  }

  /**
   * Runs every projection until it has processed everything committed before the call
   * (tests, rebuilds, clock moves). Waits for older transactions to finish when one hides an event.
   */
  async catchUp(timeoutMs = 60_000): Promise<void> {
    const head = await this.store.headPosition();
    if (head === null) return;
    const deadline = Date.now() + timeoutMs;
    for (const projection of this.projections) {
      for (;;) {
        const applied = await this.processBatch(projection);
        if (applied > 0) continue;
        const checkpoint = await this.checkpointOf(this.dataSource.manager, projection.name);
        if (await this.store.hasReached(checkpoint?.cursor ?? null, head)) break;
        if (Date.now() > deadline)
          throw new Error(`projection ${projection.name} did not reach position ${head} in time`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
  }

  /** Rebuilds a projection from the first event in one transaction: readers see the old rows until it commits. */
  async rebuild(name: string, timeoutMs = 300_000): Promise<number> {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection)
      throw new Error(`unknown projection ${name}; known: ${this.projections.map((p) => p.name).join(', ')}`);
    // Everything committed before now; a later event is left to the normal run after the rebuild.
    const head = await this.store.headPosition();
    const deadline = Date.now() + timeoutMs;
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.lockCheckpoint(manager, name);
      await projection.reset(manager);
      let cursor: LogCursor | null = null;
      let total = 0;
      let lastBatch: RecordedEvent[] = [];
      while (head !== null && !(await this.store.hasReached(cursor, head))) {
        const batch = await this.store.readAll(cursor, this.batchSize);
        if (batch.events.length === 0) {
          // An older transaction elsewhere still hides part of the log: wait for it.
          if (Date.now() > deadline)
            throw new Error(`rebuild of ${name} did not reach position ${head} in time`);
          await new Promise((resolve) => setTimeout(resolve, 5));
          continue;
        }
        await projection.apply(manager, batch.events);
        total += batch.events.length;
        cursor = batch.cursor;
        lastBatch = batch.events;
      }
      if (cursor) {
        await this.saveCheckpoint(manager, name, cursor, lastBatch, {
          ...locked,
          eventsProcessed: String(total - lastBatch.length),
        });
      } else {
        await manager.update(
          ProjectionCheckpoint,
          { name },
          { cursor: null, position: null, eventsProcessed: '0', status: 'running', lastError: null },
        );
      }
      return total;
    });
  }

  async statuses(): Promise<Status[]> {
    const rows = await this.dataSource.manager.find(ProjectionCheckpoint);
    return this.projections.map((p) => {
      const row = rows.find((r) => r.name === p.name);
      return {
        name: p.name,
        cursor: row?.cursor ?? null,
        position: row?.position ?? null,
        status: row?.status ?? 'running',
        lastError: row?.lastError ?? null,
      };
    });
  }

  /** True once every projection has processed the event at `position`. */
  async hasProcessed(position: string): Promise<boolean> {
    const rows = await this.dataSource.manager.find(ProjectionCheckpoint);
    for (const projection of this.projections) {
      const row = rows.find((r) => r.name === projection.name);
      if (!(await this.store.hasReached(row?.cursor ?? null, position))) return false;
    }
    return true;
  }

  private checkpointOf(manager: EntityManager, name: string): Promise<ProjectionCheckpoint | null> {
    return manager.findOneBy(ProjectionCheckpoint, { name });
  }

  private async lockCheckpoint(manager: EntityManager, name: string): Promise<ProjectionCheckpoint> {
    await manager.query(
      'INSERT INTO rm_projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING',
      [name],
    );
    const row = await manager
      .getRepository(ProjectionCheckpoint)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.name = :name', { name })
      .getOne();
    return row!;
  }

  private async saveCheckpoint(
    manager: EntityManager,
    name: string,
    cursor: LogCursor,
    events: readonly RecordedEvent[],
    previous: ProjectionCheckpoint,
  ): Promise<void> {
    await manager.update(
      ProjectionCheckpoint,
      { name },
      {
        cursor,
        position: events[events.length - 1]!.position,
        eventsProcessed: String(BigInt(previous.eventsProcessed ?? '0') + BigInt(events.length)),
        status: 'running',
        lastError: null,
        updatedAt: new Date(),
      },
    );
  }

  private async markFailed(name: string, error: unknown): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO rm_projection_checkpoints (name, status, last_error) VALUES ($1, 'failed', $2)
       ON CONFLICT (name) DO UPDATE SET status = 'failed', last_error = $2, updated_at = now()`,
      [name, error instanceof Error ? error.message : String(error)],
    );
  }
}
