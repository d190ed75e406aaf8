/** How a `ProjectionRunner` batches, waits, retries and parks. */
export interface ProjectionRunnerOptions {
  /** Events per batch while the projections keep up (live: short transactions, quick read-your-writes). */
  batchSize?: number;
  /** Events per batch while a projection is behind (a full batch came): fewer, larger transactions. */
  catchUpBatchSize?: number;
  /** How long to sleep when the log has nothing new and no append woke us. */
  idleMs?: number;
  /** Delay before the first retry of a failed batch; doubles on each further failure. */
  retryMs?: number;
  /** The longest delay between retries. */
  maxRetryMs?: number;
  /** Failures on one event (other than database outages) before the projection parks there. */
  parkAfter?: number;
  onError?: (projection: string, error: unknown) => void;
  /** An error that is nobody's fault (database outage): retried later, the projection not marked failed. */
  isTransient?: (error: unknown) => boolean;
}

/** The options with their defaults filled in. */
export type RunnerSettings = Required<
  Pick<
    ProjectionRunnerOptions,
    'batchSize' | 'catchUpBatchSize' | 'idleMs' | 'retryMs' | 'maxRetryMs' | 'parkAfter'
  >
>;

/** Events per catch-up batch unless told otherwise (`PROJECTOR_CATCH_UP_BATCH`). */
export const DEFAULT_CATCH_UP_BATCH_SIZE = 250_000;

export function settle(options: ProjectionRunnerOptions): RunnerSettings {
  const batchSize = options.batchSize ?? 500;
  return {
    batchSize,
    // a runner told its batch size (tests) keeps to it. Behind, a good part of the cost is per
    // client per batch (its rows rewritten), so fewer batches go faster: 250,000 events did the
    // 5,000-client year's catch-up ×1.29 faster than 100,000 for ~800 MiB more peak RSS (ADR 0070,
    // seventh pass; 100,000 did the bench's ×1.4 faster than 50,000, third pass)
    catchUpBatchSize:
      options.catchUpBatchSize ?? (options.batchSize ? batchSize : DEFAULT_CATCH_UP_BATCH_SIZE),
    idleMs: options.idleMs ?? 200,
    retryMs: options.retryMs ?? 1000,
    maxRetryMs: options.maxRetryMs ?? 30_000,
    parkAfter: options.parkAfter ?? 5,
  };
}
