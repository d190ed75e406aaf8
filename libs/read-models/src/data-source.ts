import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { ClientRecord, ClientUsageWeekRecord } from './entities/client-record.entity';
import { ProjectionCheckpoint } from './entities/projection-checkpoint.entity';
import { DeadlineRecord } from './entities/deadline.entity';
import { WorkItemRecord } from './entities/work-item.entity';
import { InitialReadModels1763800000000 } from './migrations/1763800000000-initial-read-models';
import { DeadlinesAndWorkItems1763800001000 } from './migrations/1763800001000-deadlines-and-work-items';
import { DiagnosticFailures1763800002000 } from './migrations/1763800002000-diagnostic-failures';
import { ClientList1764300040000 } from './migrations/1764300040000-client-list';
import { AnalyticsSchema1764300000000 } from './migrations/1764300000000-analytics-schema';
import { OperationalState1763800003000 } from './migrations/1763800003000-operational-state';
import { AuditCallsAndReviews1764355000000 } from './migrations/1764355000000-audit-calls-and-reviews';
import { AuditCallRecord } from './entities/audit-call.entity';
import { CallReviewRecord } from './entities/call-review.entity';
import { ReportReadModels1764300020000 } from './migrations/1764300020000-report-read-models';
import { REPORT_ENTITIES } from './entities/report-records.entity';
import { UncompressedProjectionState1764356000000 } from './migrations/1764356000000-uncompressed-projection-state';
import { ReportStateSnapshots1764357500000 } from './migrations/1764357500000-report-state-snapshots';
import { ClientStateSnapshots1764359100000 } from './migrations/1764359100000-client-state-snapshots';

export const READ_MODEL_ENTITIES = [
  ProjectionCheckpoint,
  ClientRecord,
  ClientUsageWeekRecord,
  DeadlineRecord,
  WorkItemRecord,
  AuditCallRecord,
  CallReviewRecord,
  ...REPORT_ENTITIES,
];
export const READ_MODEL_MIGRATIONS = [
  InitialReadModels1763800000000,
  DeadlinesAndWorkItems1763800001000,
  DiagnosticFailures1763800002000,
  ClientList1764300040000,
  AnalyticsSchema1764300000000,
  OperationalState1763800003000,
  AuditCallsAndReviews1764355000000,
  ReportReadModels1764300020000,
  UncompressedProjectionState1764356000000,
  ReportStateSnapshots1764357500000,
  ClientStateSnapshots1764359100000,
];

/** Extra settings for each connection of the pool (node-postgres client options). */
export type ConnectionOptions = Record<string, unknown>;

/** The read models' TypeORM data source. Schema changes go through migrations, never `synchronize`. */
export function createReadModelDataSource(
  url: string,
  poolSize = 10,
  connection: ConnectionOptions = {},
): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: READ_MODEL_ENTITIES,
    migrations: READ_MODEL_MIGRATIONS,
    migrationsTableName: 'rm_migrations',
    synchronize: false,
    extra: { ...connection, max: poolSize },
  });
}

const MIGRATION_LOCK = 72_002;

/** Initialises the data source and applies pending migrations, one process at a time. */
export async function openReadModels(
  url: string,
  poolSize = 10,
  connection: ConnectionOptions = {},
): Promise<DataSource> {
  const dataSource = createReadModelDataSource(url, poolSize, connection);
  await dataSource.initialize();
  // A connection the server drops in the middle of a transaction (restart, failover) emits 'error'
  // once TypeORM has let go of it; without a listener of our own that would end the process.
  const pool = (dataSource.driver as unknown as { master: Pool & { _clients?: PoolClient[] } }).master;
  const keepQuiet = (client: PoolClient) => client.on('error', () => undefined);
  pool._clients?.forEach(keepQuiet); // the one initialize() opened
  pool.on('connect', keepQuiet);
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
  return dataSource;
}
