import type { DataSource } from 'typeorm';
import type { EventStore } from '@ledger/eventstore';
import { audit, clearParked, lockCheckpoint, parkedAtOfRow, saveCheckpoint } from './checkpoints';
import { ParkedAt, parkedAtOf } from './projection-failures';
import type { Projection } from './projections/projection';

/** An ADMIN's retry or skip did not apply (the projection is not parked, or not at that event). */
export class ProjectionNotParkedError extends Error {
  override readonly name = 'ProjectionNotParkedError';
}

/** Clears the parking so that the runner tries the event again; recorded in the audit table. */
export async function retryParked(
  dataSource: DataSource,
  projection: Projection,
  actor: string,
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const locked = await lockCheckpoint(manager, projection);
    if (locked.status !== 'parked')
      throw new ProjectionNotParkedError(`projection ${projection.name} is not parked`);
    await clearParked(manager, projection.name);
    await audit(manager, {
      projection: projection.name,
      action: 'retry',
      event: parkedAtOfRow(locked),
      actor,
    });
  });
}

/**
 * Moves the checkpoint past the parked event without applying it. `position` must be the parked
 * event's, so that a skip meant for one event never passes another; recorded in the audit table.
 */
export async function skipParked(
  dataSource: DataSource,
  store: EventStore,
  projection: Projection,
  skip: { position: string; actor: string; reason: string | null },
): Promise<ParkedAt> {
  const name = projection.name;
  return dataSource.transaction(async (manager) => {
    const locked = await lockCheckpoint(manager, projection);
    if (locked.status !== 'parked') throw new ProjectionNotParkedError(`projection ${name} is not parked`);
    const batch = await store.readAll(locked.cursor, 1);
    const event = batch.events[0];
    if (!event || event.position !== skip.position || locked.parkedPosition !== skip.position) {
      throw new ProjectionNotParkedError(
        `projection ${name} is parked at position ${locked.parkedPosition ?? event?.position}, not ${skip.position}`,
      );
    }
    await saveCheckpoint(manager, projection, batch.cursor, batch.events, locked);
    const at = parkedAtOf(event);
    await audit(manager, {
      projection: name,
      action: 'skip',
      event: at,
      actor: skip.actor,
      reason: skip.reason,
    });
    return at;
  });
}
