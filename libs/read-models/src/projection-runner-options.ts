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
export const DEFAULT_CATCH_UP_BATCH_SIZE = 500_000;

export function settle(options: ProjectionRunnerOptions): RunnerSettings {
  const batchSize = options.batchSize ?? 500;
  return {
    batchSize,
    // a runner told its batch size (tests) keeps to it. Behind, a good part of the cost is per
    // client per batch (its rows rewritten), so fewer batches go faster: on the 5,000-client year's
    // catch-up 250,000 events took ×0.76 the time of 100,000 for ~700 MiB more peak RSS, and 500,000
    // ×0.82 the time of 250,000 for ~300 MiB more (ADR 0070, seventh pass)
    catchUpBatchSize:
      options.catchUpBatchSize ?? (options.batchSize ? batchSize : DEFAULT_CATCH_UP_BATCH_SIZE),
    idleMs: options.idleMs ?? 200,
    retryMs: options.retryMs ?? 1000,
    maxRetryMs: options.maxRetryMs ?? 30_000,
    parkAfter: options.parkAfter ?? 5,
  };
}
