import { In, type DataSource, type EntityManager } from 'typeorm';
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
 * One batch of the log for every projection standing at the same cursor: one read, one
 * transaction that applies each and moves each checkpoint (ADR 0070). The projections otherwise
 * read the log once each. Anything unusual — a parked or outdated projection, an event one of them
 * does not accept — is left to the one-projection path, which narrows, parks and reports; so is a
 * failure, which rolls the whole batch back.
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
  const done = await dataSource.transaction(async (manager) => {
    // locked in one order (by name) so that two processes never wait on each other crosswise
    const locked = [];
    for (const projection of [...group].sort((a, b) => a.name.localeCompare(b.name)))
      locked.push({ projection, row: await lockCheckpoint(manager, projection) });
    // one another runner moved meanwhile is left to it
    const still = locked.filter(({ row }) => (row.cursor ?? null) === cursor && row.status !== 'parked');
    // Started together, their statements sent one after another on the transaction's connection:
    // one projection's folds (Node) run while the server writes another's rows. Every apply is
    // waited for, failed or not, before the transaction ends — none may send a statement after the
    // rollback.
    const shared = oneStatementAtATime(manager);
    const outcomes = await Promise.allSettled(
      still.map(({ projection }) => projection.apply(shared, batch.events, { store })),
    );
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
    for (const { projection, row } of still)
      await saveCheckpoint(manager, projection, batch.cursor, batch.events, row);
    return still.map(({ projection }) => projection.name);
  });
  return { names: done, applied: done.length > 0 ? batch.events.length : 0 };
}

/**
 * The transaction's manager for projections applied together: each `query` waits for the one sent
 * before it, so the connection never has two statements in flight (node-postgres only queues them,
 * and that is deprecated); everything else is the manager itself.
 */
function oneStatementAtATime(manager: EntityManager): EntityManager {
  let last: Promise<unknown> = Promise.resolve();
  const query = (...args: Parameters<EntityManager['query']>) => {
    const sent = last.then(() => manager.query(...args));
    last = sent.catch(() => undefined);
    return sent;
  };
  return new Proxy(manager, {
    get: (target, property) => (property === 'query' ? query : Reflect.get(target, property, target)),
  });
}
