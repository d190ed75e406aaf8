import { In, type DataSource } from 'typeorm';
import type { EventStore, LogBatch, LogCursor } from '@ledger/eventstore';
import { isOutdated, lockCheckpoint, saveCheckpoint } from './checkpoints';
import { ProjectionCheckpoint } from './entities/projection-checkpoint.entity';
import type { Projection } from './projections/projection';

export interface TogetherResult {
  /** The projections the batch was for (applied, or found nothing new): no single step needed now. */
  names: string[];
  applied: number;
}

/**
 * The next batch of the log, read while the current one is applied (catch-up only: a live loop
 * reads what is there when it gets there). Used once, and only for the cursor and size it was
 * read for.
 */
export class Prefetch {
  private next: { cursor: LogCursor; limit: number; batch: Promise<LogBatch> } | null = null;

  start(store: EventStore, cursor: LogCursor, limit: number): void {
    const batch = store.readAll(cursor, limit);
    batch.catch(() => undefined); // a failed read is read again by whoever takes it
    this.next = { cursor, limit, batch };
  }

  /** Waits for a read still in flight and forgets it (before the store closes). */
  async settle(): Promise<void> {
    const next = this.next;
    this.next = null;
    await next?.batch.catch(() => undefined);
  }

  async take(cursor: LogCursor | null, limit: number): Promise<LogBatch | null> {
    const next = this.next;
    this.next = null;
    if (!next || next.cursor !== cursor || next.limit !== limit) return null;
    return next.batch.catch(() => null);
  }
}

const NONE: TogetherResult = { names: [], applied: 0 };

/**
 * One batch of the log for every projection standing at the same cursor: one read, then one
 * transaction per projection, run at once, that applies it and moves its checkpoint (ADR 0070).
 * The projections otherwise read the log once each. Anything unusual — a parked or outdated
 * projection, an event one of them does not accept — is left to the one-projection path, which
 * narrows, parks and reports; so is a projection whose transaction failed (rolled back; the
 * others' committed). Answers the projections that moved.
 */
export async function processTogether(
  store: EventStore,
  dataSource: DataSource,
  projections: readonly Projection[],
  limit: number,
  prefetch?: Prefetch,
): Promise<TogetherResult> {
  if (projections.length < 2) return NONE;
  const rows = await dataSource.manager.find(ProjectionCheckpoint, {
    where: { name: In(projections.map((p) => p.name)) },
  });
  const rowOf = (p: Projection) => rows.find((r) => r.name === p.name) ?? null;
  const byCursor = new Map<string | null, Projection[]>();
  for (const projection of projections) {
    const row = rowOf(projection);
    if (row?.status === 'parked' || isOutdated(projection, row)) continue;
    const cursor = row?.cursor ?? null;
    byCursor.set(cursor, [...(byCursor.get(cursor) ?? []), projection]);
  }
  const [cursor, group] = [...byCursor].sort((a, b) => b[1].length - a[1].length)[0] ?? [null, []];
  if (group.length < 2) return NONE;
  const batch = (await prefetch?.take(cursor, limit)) ?? (await store.readAll(cursor, limit));
  // behind (a full batch): the next batch is read while this one is applied
  if (prefetch && batch.events.length === limit) prefetch.start(store, batch.cursor, limit);
  const names = group.map((p) => p.name);
  if (batch.events.length === 0) return { names, applied: 0 };
  if (group.some((p) => p.accepts && !batch.events.every((e) => p.accepts!(e)))) return NONE;
  // Each projection in a transaction of its own, on a connection of its own, all at once: the
  // server writes one projection's rows on one core while Node folds another's (ADR 0070, fourth
  // pass). Each commits its rows with its checkpoint, as alone; one that fails is left to the
  // one-projection path, which narrows, parks and reports, while the others have moved on.
  const outcomes = await Promise.allSettled(
    group.map((projection) =>
      dataSource.transaction(async (manager) => {
        const row = await lockCheckpoint(manager, projection);
        // one another runner moved meanwhile is left to it
        if ((row.cursor ?? null) !== cursor || row.status === 'parked') return null;
        await projection.apply(manager, batch.events, { store });
        await saveCheckpoint(manager, projection, batch.cursor, batch.events, row);
        return projection.name;
      }),
    ),
  );
  const done = outcomes.flatMap((o) => (o.status === 'fulfilled' && o.value ? [o.value] : []));
  return { names: done, applied: done.length > 0 ? batch.events.length : 0 };
}
