import type { DataSource } from 'typeorm';

export interface DueDeadline {
  ric: string;
  clientId: string;
  deadlineId: string;
  kind: string;
  dueAt: Date;
}

export interface SchedulerOptions {
  batchSize?: number;
  /** Deadlines of different clients fired at once within a batch. */
  concurrency?: number;
  /** A deadline that failed this many times is marked failed and left for people to look at. */
  maxAttempts?: number;
  onError?: (deadline: DueDeadline, error: unknown) => void;
}

/**
 * Fires due deadlines through the normal command path. Rows are claimed with FOR UPDATE SKIP LOCKED,
 * so several schedulers share the work; the decider ignores a deadline no longer pending, so a
 * deadline fired twice (a crash between the append and the row update) appends once.
 */
export class DeadlineScheduler {
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly fire: (deadline: DueDeadline) => Promise<void>,
    private readonly options: SchedulerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.concurrency = options.concurrency ?? 8;
    this.maxAttempts = options.maxAttempts ?? 5;
  }

  /** Fires every deadline due at or before `now`; answers how many fired. */
  async fireDue(now: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const fired = await this.fireBatch(now);
      total += fired.count;
      if (fired.claimed < this.batchSize) return total;
    }
  }

  private async fireBatch(now: Date): Promise<{ claimed: number; count: number }> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{
        ric: string;
        client_id: string;
        deadline_id: string;
        kind: string;
        due_at: Date;
        attempts: number;
      }> = await manager.query(
        `SELECT ric, client_id, deadline_id, kind, due_at, attempts FROM rm_deadlines
           WHERE status = 'pending' AND due_at <= $1
           ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [now, this.batchSize],
      );
      // Fire concurrently (each through its own connection), then mark the claimed rows on this one.
      const outcomes: Array<{ key: string[]; error?: unknown; attempts: number }> = [];
      const queue = [...rows];
      const worker = async () => {
        for (let row = queue.shift(); row; row = queue.shift()) {
          const deadline: DueDeadline = {
            ric: row.ric,
            clientId: row.client_id,
            deadlineId: row.deadline_id,
            kind: row.kind,
            dueAt: row.due_at,
          };
          const key = [row.ric, row.client_id, row.deadline_id];
          try {
            await this.fire(deadline);
            outcomes.push({ key, attempts: row.attempts });
          } catch (error) {
            this.options.onError?.(deadline, error);
            outcomes.push({ key, error, attempts: row.attempts });
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.concurrency, rows.length) }, worker));
      let count = 0;
      for (const outcome of outcomes) {
        if (outcome.error === undefined) {
          await manager.query(
            `UPDATE rm_deadlines SET status = 'fired' WHERE ric = $1 AND client_id = $2 AND deadline_id = $3`,
            outcome.key,
          );
          count++;
        } else {
          const failed = outcome.attempts + 1 >= this.maxAttempts;
          await manager.query(
            `UPDATE rm_deadlines SET attempts = attempts + 1, last_error = $4, status = CASE WHEN $5 THEN 'failed' ELSE status END
             WHERE ric = $1 AND client_id = $2 AND deadline_id = $3`,
            [
              ...outcome.key,
              outcome.error instanceof Error ? outcome.error.message : String(outcome.error),
              failed,
            ],
          );
        }
      }
      return { claimed: rows.length, count };
    });
  }
}
