import type { DataSource } from 'typeorm';
import type { EventStore, LogCursor } from '@ledger/eventstore';
import {
  audit,
  checkpointOf,
  isOutdated,
  lockCheckpoint,
  markParked,
  parkedAtOfRow,
  saveCheckpoint,
} from './checkpoints';
import {
  BatchError,
  ParkedAt,
  ProjectionEventError,
  ProjectionParkedError,
  backoffMs,
  isTransient,
  messageOf,
  parkedAtOf,
} from './projection-failures';
import { rebuildAside } from './projection-rebuild';
import { Prefetch, TogetherResult, processTogether } from './projection-together';
import { retryParked, skipParked } from './projection-parking';
import { Projection } from './projections/projection';
import { ProjectionRunnerOptions, RunnerSettings, settle } from './projection-runner-options';
import { ProjectionStatus, progressTowards, projectionStatuses } from './projection-status';

export type { ProjectionRunnerOptions } from './projection-runner-options';
export type { ProjectionStatus } from './projection-status';

/**
 * Reads the global log and feeds each projection in batches. Each batch commits the projection's
 * rows and its checkpoint in one transaction, so a crash anywhere loses nothing and repeats nothing.
 * A failing batch is narrowed to its events one by one; an event that keeps failing, or that this
 * build does not know, parks the projection there (ADR 0032).
 */
export class ProjectionRunner {
  private running = false;
  /** Set by stop(): rebuilds in flight give up between batches (the live rows stay as they were). */
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly settings: RunnerSettings;
  /** The last batch read together was full: the projections are behind, read larger batches. */
  private behind = false;
  private readonly prefetch = new Prefetch();
  private readonly failedUntil = new Map<string, number>();
  /** Events still to be applied one at a time after a batch failed, per projection. */
  private readonly narrowed = new Map<string, number>();
  /** Failures in a row at one position, per projection. */
  private readonly failures = new Map<string, { position: string | null; count: number }>();
  private readonly rebuilding = new Map<string, Promise<number>>();

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
    readonly projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.settings = settle(options);
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.unsubscribe = this.store.onAppended(() => this.wake?.());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
    await Promise.allSettled([...this.rebuilding.values()]);
    await this.prefetch.settle();
    this.loop = null;
  }

  private async run(): Promise<void> {
    while (this.running) {
      // those standing together take one read and one transaction; on any trouble, one by one below
      const together = await this.stepTogether().catch(() => ({ names: [] as string[], applied: 0 }));
      let progressed = together.applied > 0;
      for (const projection of this.projections) {
        // (a rebuild in progress does not stop the live rows: they are served and projected until the swap)
        if (together.names.includes(projection.name)) continue;
        if ((this.failedUntil.get(projection.name) ?? 0) > Date.now()) continue;
        try {
          progressed = (await this.step(projection)) > 0 || progressed;
          this.failedUntil.delete(projection.name);
        } catch (error) {
          // One failing projection must not stop the others. An outage is nobody's fault: it is
          // retried later without marking the projection failed (the platform's judgement, when given).
          const original =
            error instanceof BatchError || error instanceof ProjectionEventError ? error.original : error;
          if (this.options.isTransient?.(original)) {
            this.failedUntil.set(projection.name, Date.now() + this.settings.retryMs);
            continue;
          }
          await this.failed(projection, error).catch(() => undefined);
        }
      }
      if (!progressed && this.running) await this.sleep(this.settings.idleMs);
    }
  }

  /** One batch for every healthy projection at the same cursor (ADR 0070). */
  private async stepTogether(candidates = this.projections): Promise<TogetherResult> {
    const healthy = candidates.filter(
      (p) => (this.failedUntil.get(p.name) ?? 0) <= Date.now() && !this.narrowed.has(p.name),
    );
    const limit = this.behind ? this.settings.catchUpBatchSize : this.settings.batchSize;
    const result = await processTogether(
      this.store,
      this.dataSource,
      healthy,
      limit,
      this.behind ? this.prefetch : undefined,
    );
    if (result.names.length > 0) this.behind = result.applied === limit;
    for (const name of result.names) {
      this.failedUntil.delete(name);
      this.failures.delete(name);
    }
    return result;
  }

  /** One batch of the live loop: narrowed to one event after a failure; outdated rows are rebuilt first. */
  private async step(projection: Projection): Promise<number> {
    const row = await checkpointOf(this.dataSource.manager, projection.name);
    if (isOutdated(projection, row)) {
      this.rebuildInBackground(projection);
      return 0;
    }
    const narrowed = this.narrowed.get(projection.name) ?? 0;
    const applied = await this.processBatch(projection, narrowed > 0 ? 1 : this.settings.batchSize);
    if (narrowed > 0 && applied > 0) {
      if (narrowed > 1) this.narrowed.set(projection.name, narrowed - 1);
      else this.narrowed.delete(projection.name);
    }
    if (applied > 0) this.failures.delete(projection.name);
    return applied;
  }

  private async failed(projection: Projection, error: unknown): Promise<void> {
    const name = projection.name;
    this.options.onError?.(name, error);
    const single = error instanceof ProjectionEventError ? error.event : null;
    const original = error instanceof ProjectionEventError ? error.original : error;
    if (error instanceof BatchError && !isTransient(error.original)) this.narrowed.set(name, error.size);
    const previous = this.failures.get(name);
    const position = single?.position ?? null;
    const count = previous && previous.position === position ? previous.count + 1 : 1;
    this.failures.set(name, { position, count });
    if (single && !isTransient(original) && count >= this.settings.parkAfter) {
      this.failures.delete(name);
      this.narrowed.delete(name);
      await this.park(
        projection,
        single,
        `${error instanceof Error ? error.message : String(error)} (failed ${count} times)`,
      );
      return;
    }
    this.failedUntil.set(
      name,
      Date.now() + backoffMs(count, this.settings.retryMs, this.settings.maxRetryMs),
    );
    await this.dataSource.query(
      `INSERT INTO rm_projection_checkpoints (name, status, last_error) VALUES ($1, 'failed', $2)
       ON CONFLICT (name) DO UPDATE SET status = 'failed', last_error = $2, updated_at = now()
       WHERE rm_projection_checkpoints.status <> 'parked'`,
      [name, messageOf(error)],
    );
  }

  private rebuildInBackground(projection: Projection): void {
    if (this.rebuilding.has(projection.name)) return;
    const rebuild = this.rebuildWith(projection, 'version change')
      .catch((error: unknown) => {
        this.options.onError?.(projection.name, error);
        this.failedUntil.set(projection.name, Date.now() + this.settings.maxRetryMs);
        return 0;
      })
      .finally(() => this.rebuilding.delete(projection.name));
    this.rebuilding.set(projection.name, rebuild);
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

  /**
   * Applies one batch of at most `limit` events to one projection; answers how many it applied.
   * Stops before an event the projection does not accept and parks there.
   */
  async processBatch(projection: Projection, limit = this.settings.batchSize): Promise<number> {
    const before = await checkpointOf(this.dataSource.manager, projection.name);
    if (before?.status === 'parked' || isOutdated(projection, before)) return 0;
    const batch = await this.store.readAll(before?.cursor ?? null, limit);
    if (batch.events.length === 0) return 0;
    const refused = projection.accepts ? batch.events.findIndex((e) => !projection.accepts!(e)) : -1;
    if (refused > 0) return this.processBatch(projection, refused);
    if (refused === 0) {
      const event = batch.events[0]!;
      await this.park(
        projection,
        parkedAtOf(event),
        `projection ${projection.name} does not know event type ${event.type} (schema version ${event.metadata.schemaVersion}) at position ${event.position} of stream ${event.streamId}: a newer build wrote it; run that build`,
        before?.cursor ?? null,
      );
      return 0;
    }
    try {
      await this.dataSource.transaction(async (manager) => {
        // Lock the checkpoint; if another runner moved it meanwhile, leave this batch to it.
        const locked = await lockCheckpoint(manager, projection);
        if ((locked.cursor ?? null) !== (before?.cursor ?? null) || locked.status === 'parked') return;
        await projection.apply(manager, batch.events, { store: this.store });
        await saveCheckpoint(manager, projection, batch.cursor, batch.events, locked);
      });
    } catch (error) {
      throw batch.events.length === 1
        ? new ProjectionEventError(projection.name, parkedAtOf(batch.events[0]!), messageOf(error), error)
        : new BatchError(projection.name, batch.events, error);
    }
    return batch.events.length;
  }

  /** Stops the projection at `event` until an ADMIN retries or skips it; recorded in the audit table. */
  private async park(
    projection: Projection,
    event: ParkedAt,
    reason: string,
    cursor?: LogCursor | null,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const locked = await lockCheckpoint(manager, projection);
      if (cursor !== undefined && (locked.cursor ?? null) !== cursor) return;
      await markParked(manager, projection.name, event, reason);
      await audit(manager, {
        projection: projection.name,
        action: 'parked',
        event,
        actor: 'projector',
        reason,
      });
    });
    this.options.onError?.(projection.name, new ProjectionParkedError(projection.name, event));
  }

  /** ADMIN: try the parked event again (after a fix); recorded in the audit table. */
  async retryParked(name: string, actor: string): Promise<void> {
    await retryParked(this.dataSource, this.projectionNamed(name), actor);
    this.failedUntil.delete(name);
    this.wake?.();
  }

  /**
   * ADMIN: move the parked projection past its event without applying it; `position` must name that
   * event, so that a skip meant for one event never passes another. Recorded in the audit table.
   */
  async skipParked(name: string, position: string, actor: string, reason: string | null): Promise<ParkedAt> {
    const skipped = await skipParked(this.dataSource, this.store, this.projectionNamed(name), {
      position,
      actor,
      reason,
    });
    this.failedUntil.delete(name);
    this.wake?.();
    return skipped;
  }

  /**
   * Runs every projection until it has processed everything committed before the call
   * (tests, rebuilds, clock moves). Waits for older transactions to finish when one hides an event.
   */
  async catchUp(timeoutMs = 60_000): Promise<void> {
    const head = await this.store.headPosition();
    if (head === null) return;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const behind = await this.behindHead(head);
      if (behind === 'rebuilt') continue;
      if (behind.length === 0) return this.prefetch.settle();
      // a catch-up is behind by definition: large batches, read once for all at the same cursor
      this.behind = true;
      const together = await this.stepTogether(behind).catch(() => ({ names: [] as string[], applied: 0 }));
      let progressed = together.applied > 0;
      for (const projection of behind) {
        if (together.names.includes(projection.name)) continue;
        progressed = (await this.processBatch(projection, this.settings.catchUpBatchSize)) > 0 || progressed;
      }
      if (progressed) continue;
      if (Date.now() > deadline)
        throw new Error(`projection ${behind[0]!.name} did not reach position ${head} in time`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /**
   * The projections that have not processed `head` yet (done once at the head of the call: under
   * a steady stream of appends, chasing the tail never ends); a parked one throws, an outdated
   * one is rebuilt first.
   */
  private async behindHead(head: string): Promise<Projection[] | 'rebuilt'> {
    const behind: Projection[] = [];
    for (const projection of this.projections) {
      const checkpoint = await checkpointOf(this.dataSource.manager, projection.name);
      if (checkpoint?.status === 'parked')
        throw new ProjectionParkedError(projection.name, parkedAtOfRow(checkpoint));
      if (isOutdated(projection, checkpoint)) {
        await this.rebuild(projection.name);
        return 'rebuilt';
      }
      if (!(await this.store.hasReached(checkpoint?.cursor ?? null, head))) behind.push(projection);
    }
    return behind;
  }

  /**
   * Rebuilds a projection from the first event into shadow tables and swaps them in; readers see
   * the old rows, and the live runner keeps projecting, until the swap (ADR 0031).
   */
  async rebuild(name: string, timeoutMs = 300_000, actor = 'rebuild'): Promise<number> {
    const projection = this.projectionNamed(name);
    const inFlight = this.rebuilding.get(name);
    if (inFlight) await inFlight.catch(() => undefined);
    const rebuild = this.rebuildWith(projection, actor, timeoutMs);
    this.rebuilding.set(name, rebuild);
    try {
      return await rebuild;
    } finally {
      if (this.rebuilding.get(name) === rebuild) this.rebuilding.delete(name);
    }
  }

  private rebuildWith(projection: Projection, actor: string, timeoutMs = 300_000): Promise<number> {
    const shouldStop = () => this.stopping;
    return rebuildAside(
      {
        store: this.store,
        dataSource: this.dataSource,
        // a rebuild is a catch-up into the shadow tables: its large batches
        batchSize: this.settings.catchUpBatchSize,
        timeoutMs,
        shouldStop,
        actor,
      },
      projection,
    ).then((events) => {
      this.failures.delete(projection.name);
      this.narrowed.delete(projection.name);
      this.failedUntil.delete(projection.name);
      return events;
    });
  }

  private projectionNamed(name: string): Projection {
    const projection = this.projections.find((p) => p.name === name);
    if (!projection)
      throw new Error(`unknown projection ${name}; known: ${this.projections.map((p) => p.name).join(', ')}`);
    return projection;
  }

  async statuses(): Promise<ProjectionStatus[]> {
    return projectionStatuses(this.dataSource, this.projections, this.rebuilding);
  }

  /** True once every projection has processed the event at `position`. */
  async hasProcessed(position: string): Promise<boolean> {
    return (await this.progressTowards(position)).reached;
  }

  /**
   * Whether every projection has processed `position`, and if not, which of those behind are parked
   * (they will not get there by waiting).
   */
  async progressTowards(position: string): Promise<{ reached: boolean; parked: ProjectionStatus[] }> {
    return progressTowards(this.store, this.projections, await this.statuses(), position);
  }
}
