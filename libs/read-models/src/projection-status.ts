import type { DataSource } from 'typeorm';
import type { EventStore, LogCursor } from '@ledger/eventstore';
import { isOutdated, parkedAtOfRow, versionOf } from './checkpoints';
import { ProjectionCheckpoint } from './entities/projection-checkpoint.entity';
import type { ParkedAt } from './projection-failures';
import type { Projection } from './projections/projection';

export interface ProjectionStatus {
  name: string;
  cursor: LogCursor | null;
  position: string | null;
  /** `outdated`: built by another version, waiting for its rebuild; `rebuilding`: by this process. */
  status: 'running' | 'failed' | 'parked' | 'outdated' | 'rebuilding';
  lastError: string | null;
  version: number;
  parkedAt: ParkedAt | null;
}

/** Each projection's checkpoint as health, metrics and the admin endpoints show it. */
export async function projectionStatuses(
  dataSource: DataSource,
  projections: readonly Projection[],
  rebuilding: ReadonlyMap<string, unknown>,
): Promise<ProjectionStatus[]> {
  const rows = await dataSource.manager.find(ProjectionCheckpoint);
  return projections.map((p) => {
    const row = rows.find((r) => r.name === p.name) ?? null;
    const status = rebuilding.has(p.name)
      ? 'rebuilding'
      : isOutdated(p, row)
        ? 'outdated'
        : (row?.status ?? 'running');
    return {
      name: p.name,
      cursor: row?.cursor ?? null,
      position: row?.position ?? null,
      status,
      lastError: row?.lastError ?? null,
      version: row?.version ?? versionOf(p),
      parkedAt: parkedAtOfRow(row),
    };
  });
}

/**
 * Whether every projection has processed `position`, and if not, which of those behind are parked
 * (they will not get there by waiting).
 */
export async function progressTowards(
  store: EventStore,
  projections: readonly Projection[],
  statuses: readonly ProjectionStatus[],
  position: string,
): Promise<{ reached: boolean; parked: ProjectionStatus[] }> {
  const behind: ProjectionStatus[] = [];
  for (const [i, status] of statuses.entries()) {
    // rows of another version are not up to date whatever their cursor says
    const outdated = status.cursor !== null && status.version !== versionOf(projections[i]!);
    if (outdated || !(await store.hasReached(status.cursor, position))) behind.push(status);
  }
  return { reached: behind.length === 0, parked: behind.filter((s) => s.status === 'parked') };
}
