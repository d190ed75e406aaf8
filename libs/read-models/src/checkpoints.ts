import type { EntityManager } from 'typeorm';
import type { LogCursor, RecordedEvent } from '@ledger/eventstore';
import { ProjectionCheckpoint } from './entities/projection-checkpoint.entity';
import type { ParkedAt } from './projection-failures';
import type { Projection } from './projections/projection';

export const versionOf = (projection: Projection): number => projection.version ?? 1;

/** Rows built at another version of the projection: they must be rebuilt before anything is added. */
export const isOutdated = (projection: Projection, row: ProjectionCheckpoint | null): boolean =>
  row !== null && row.cursor !== null && row.version !== versionOf(projection);

export const checkpointOf = (manager: EntityManager, name: string): Promise<ProjectionCheckpoint | null> =>
  manager.findOneBy(ProjectionCheckpoint, { name });

/** The projection's checkpoint row, created if missing, locked until the transaction ends. */
export async function lockCheckpoint(
  manager: EntityManager,
  projection: Projection,
): Promise<ProjectionCheckpoint> {
  await manager.query(
    'INSERT INTO rm_projection_checkpoints (name, version) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
    [projection.name, versionOf(projection)],
  );
  const row = await manager
    .getRepository(ProjectionCheckpoint)
    .createQueryBuilder('c')
    .setLock('pessimistic_write')
    .where('c.name = :name', { name: projection.name })
    .getOne();
  return row!;
}

const NOT_PARKED = {
  parkedPosition: null,
  parkedStream: null,
  parkedEventId: null,
  parkedType: null,
  parkedAt: null,
} as const;

/** Moves the checkpoint past `events` (the batch just applied); clears any failure. */
export async function saveCheckpoint(
  manager: EntityManager,
  projection: Projection,
  cursor: LogCursor,
  events: readonly RecordedEvent[],
  previous: ProjectionCheckpoint,
): Promise<void> {
  await manager.update(
    ProjectionCheckpoint,
    { name: projection.name },
    {
      cursor,
      position: events[events.length - 1]!.position,
      eventsProcessed: String(BigInt(previous.eventsProcessed ?? '0') + BigInt(events.length)),
      status: 'running',
      lastError: null,
      ...NOT_PARKED,
      // rows begun from nothing are of this version; older rows keep theirs until rebuilt
      ...(previous.cursor === null ? { version: versionOf(projection) } : {}),
      updatedAt: new Date(),
    },
  );
}

/** After a rebuild: the swapped-in rows stand at `cursor`, built by this version. */
export async function resetCheckpoint(
  manager: EntityManager,
  projection: Projection,
  at: { cursor: LogCursor | null; position: string | null; eventsProcessed: number },
): Promise<void> {
  await manager.update(
    ProjectionCheckpoint,
    { name: projection.name },
    {
      cursor: at.cursor,
      position: at.position,
      eventsProcessed: String(at.eventsProcessed),
      status: 'running',
      lastError: null,
      ...NOT_PARKED,
      version: versionOf(projection),
      updatedAt: new Date(),
    },
  );
}

export async function markParked(
  manager: EntityManager,
  name: string,
  event: ParkedAt,
  reason: string,
): Promise<void> {
  await manager.update(
    ProjectionCheckpoint,
    { name },
    {
      status: 'parked',
      lastError: reason,
      parkedPosition: event.position,
      parkedStream: event.streamId,
      parkedEventId: event.eventId,
      parkedType: event.type,
      parkedAt: new Date(),
      updatedAt: new Date(),
    },
  );
}

export const clearParked = (manager: EntityManager, name: string) =>
  manager.update(
    ProjectionCheckpoint,
    { name },
    { status: 'running', lastError: null, ...NOT_PARKED, updatedAt: new Date() },
  );

export const parkedAtOfRow = (row: ProjectionCheckpoint | null | undefined): ParkedAt | null =>
  row?.parkedPosition
    ? {
        position: row.parkedPosition,
        streamId: row.parkedStream ?? '',
        eventId: row.parkedEventId ?? '',
        type: row.parkedType ?? '',
      }
    : null;

export interface AuditEntry {
  projection: string;
  action: 'parked' | 'retry' | 'skip' | 'rebuilt';
  event?: ParkedAt | null;
  actor: string;
  reason?: string | null;
}

/** Who did what to a projection: parking, retries, skipped events, rebuilds. */
export async function audit(manager: EntityManager, entry: AuditEntry): Promise<void> {
  await manager.query(
    `INSERT INTO rm_projection_audit (projection, action, position, stream_id, event_id, event_type, actor, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      entry.projection,
      entry.action,
      entry.event?.position ?? null,
      entry.event?.streamId ?? null,
      entry.event?.eventId ?? null,
      entry.event?.type ?? null,
      entry.actor,
      entry.reason ?? null,
    ],
  );
}
