import type { DataSource } from 'typeorm';
import { DomainError } from '@ledger/domain';
import { backoffMs, messageOf } from './projection-failures';

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
  /** Attempts (failures other than refusals) before a deadline is marked failed for people to look at. */
  maxAttempts?: number;
  /** How long a claim holds: a scheduler that dies leaves its deadlines to others after this. */
  leaseMs?: number;
  /** Delay after the first failure; doubles after each further one, up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  onError?: (deadline: DueDeadline, error: unknown) => void;
}

/** A deadline the scheduler gave up on, for /health, /metrics and the ADMIN endpoint. */
export interface FailedDeadline extends DueDeadline {
  attempts: number;
  lastError: string | null;
  failedAt: Date;
}

type Outcome = { fired: true } | { fired: false; error: unknown };

const KEY = `ric = $1 AND client_id = $2 AND deadline_id = $3`;

// A due deadline of the projection joined with the scheduler's own row for the same DeadlineSet (a
// row left from an earlier DeadlineSet of the same id counts as none).
const CLAIMABLE = `
  FROM rm_deadlines d
  LEFT JOIN rm_deadline_schedule s
    ON s.ric = d.ric AND s.client_id = d.client_id AND s.deadline_id = d.deadline_id
   AND s.set_position IS NOT DISTINCT FROM d.set_position
  WHERE d.status = 'pending' AND d.due_at <= $1
    AND (s.ric IS NULL OR (s.status = 'pending' AND s.next_attempt_at <= now()
         AND (s.leased_until IS NULL OR s.leased_until <= now())))`;

// Claim by lease, committed before anything fires: no transaction stays open while commands run
// (an open transaction would hide every append meanwhile from every projection, ADR 0001/0030).
// ON CONFLICT re-checks the row as it is now, so two schedulers never claim one deadline.
const CLAIM_SQL = `
  WITH due AS (
    SELECT d.ric, d.client_id, d.deadline_id, d.set_position ${CLAIMABLE}
    ORDER BY d.due_at LIMIT $2
    -- rows another scheduler is claiming at this moment are passed over, not waited for
    FOR UPDATE OF d SKIP LOCKED
  )
  INSERT INTO rm_deadline_schedule AS s (ric, client_id, deadline_id, set_position, status, leased_until)
  SELECT ric, client_id, deadline_id, set_position, 'pending', now() + $3 * interval '1 millisecond' FROM due
  ON CONFLICT (ric, client_id, deadline_id) DO UPDATE
    SET leased_until = excluded.leased_until, updated_at = now(),
        -- a row of an earlier DeadlineSet starts again from nothing
        attempts = CASE WHEN s.set_position IS NOT DISTINCT FROM excluded.set_position THEN s.attempts ELSE 0 END,
        status = 'pending', set_position = excluded.set_position,
        next_attempt_at = CASE WHEN s.set_position IS NOT DISTINCT FROM excluded.set_position THEN s.next_attempt_at ELSE now() END
    WHERE s.set_position IS DISTINCT FROM excluded.set_position
       OR (s.status = 'pending' AND s.next_attempt_at <= now() AND (s.leased_until IS NULL OR s.leased_until <= now()))
  RETURNING s.ric, s.client_id, s.deadline_id`;

/**
 * Fires due deadlines through the normal command path (ADR 0030). Each batch is claimed by a
 * committed lease in rm_deadline_schedule — the scheduler's own table, which rebuilding the
 * deadlines projection never touches — and each outcome is committed on its own. A failure is
 * retried with exponential backoff; a domain refusal is final at once; either way a deadline that
 * gives up is `failed`, listed for ADMINs, who may fire it again. The decider ignores a deadline no
 * longer pending, so a deadline fired twice (a crash between the append and the mark) appends once.
 */
export class DeadlineScheduler {
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly fire: (deadline: DueDeadline) => Promise<void>,
    private readonly options: SchedulerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.concurrency = options.concurrency ?? 8;
    this.maxAttempts = options.maxAttempts ?? 10;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.backoffMs = options.backoffMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5 * 60_000;
  }

  /** Fires every deadline due at or before `now` (and not backing off); answers how many fired. */
  async fireDue(now: Date): Promise<number> {
    let total = 0;
    for (let emptyClaims = 0; ;) {
      const claimed = await this.claim(now);
      total += await this.fireAll(claimed);
      // not `< batchSize`: a claim comes short when another scheduler took some of the same rows.
      // It can come back empty too: a statement that began before another scheduler's claim
      // committed picks the same rows, then finds them leased. Only no claimable row left ends.
      if (claimed.length > 0) emptyClaims = 0;
      else if (++emptyClaims > 3 || !(await this.anyClaimable(now))) return total;
    }
  }

  private async anyClaimable(now: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 ${CLAIMABLE} LIMIT 1`, [now]);
    return rows.length > 0;
  }

  /**
   * Whether a deadline due by `now` is leased by a scheduler that has not recorded its outcome yet
   * (a caller settling a manual clock waits for it rather than answer early).
   */
  async othersAtWork(now: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM rm_deadlines d
       JOIN rm_deadline_schedule s
         ON s.ric = d.ric AND s.client_id = d.client_id AND s.deadline_id = d.deadline_id
        AND s.set_position IS NOT DISTINCT FROM d.set_position
       WHERE d.status = 'pending' AND d.due_at <= $1 AND s.status = 'pending' AND s.leased_until > now()
       LIMIT 1`,
      [now],
    );
    return rows.length > 0;
  }

  private async claim(now: Date): Promise<DueDeadline[]> {
    const keys: Array<{ ric: string; client_id: string; deadline_id: string }> = await this.dataSource.query(
      CLAIM_SQL,
      [now, this.batchSize, this.leaseMs],
    );
    if (keys.length === 0) return [];
    const rows: Array<{ ric: string; client_id: string; deadline_id: string; kind: string; due_at: Date }> =
      await this.dataSource.query(
        `SELECT d.ric, d.client_id, d.deadline_id, d.kind, d.due_at FROM rm_deadlines d
         JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(ric, client_id, deadline_id)
           ON d.ric = k.ric AND d.client_id = k.client_id AND d.deadline_id = k.deadline_id
         ORDER BY d.due_at`,
        [keys.map((k) => k.ric), keys.map((k) => k.client_id), keys.map((k) => k.deadline_id)],
      );
    return rows.map((row) => ({
      ric: row.ric,
      clientId: row.client_id,
      deadlineId: row.deadline_id,
      kind: row.kind,
      dueAt: row.due_at,
    }));
  }

  /** Fires the claimed deadlines concurrently (of different clients), recording each outcome at once. */
  private async fireAll(deadlines: DueDeadline[]): Promise<number> {
    const queue = [...deadlines];
    let fired = 0;
    const worker = async () => {
      for (let deadline = queue.shift(); deadline; deadline = queue.shift()) {
        const outcome = await this.fireOne(deadline);
        if (outcome.fired) fired++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, deadlines.length) }, worker));
    return fired;
  }

  private async fireOne(deadline: DueDeadline): Promise<Outcome> {
    let outcome: Outcome;
    try {
      await this.fire(deadline);
      outcome = { fired: true };
    } catch (error) {
      this.options.onError?.(deadline, error);
      outcome = { fired: false, error };
    }
    await this.record(deadline, outcome);
    return outcome;
  }

  private async record(deadline: DueDeadline, outcome: Outcome): Promise<void> {
    const key = [deadline.ric, deadline.clientId, deadline.deadlineId];
    if (outcome.fired) {
      await this.dataSource.query(
        `UPDATE rm_deadline_schedule SET status = 'fired', fired_at = now(), leased_until = NULL,
           last_error = NULL, updated_at = now() WHERE ${KEY}`,
        key,
      );
      return;
    }
    const [{ attempts }]: Array<{ attempts: number }> = await this.dataSource.query(
      `SELECT attempts FROM rm_deadline_schedule WHERE ${KEY}`,
      key,
    );
    const attempt = attempts + 1;
    // A refusal by the domain will not change by trying again; anything else may (an outage).
    const final = outcome.error instanceof DomainError || attempt >= this.maxAttempts;
    const delay = backoffMs(attempt, this.backoffMs, this.maxBackoffMs);
    await this.dataSource.query(
      `UPDATE rm_deadline_schedule SET attempts = $4, last_error = $5, leased_until = NULL, updated_at = now(),
         status = CASE WHEN $6 THEN 'failed' ELSE 'pending' END,
         failed_at = CASE WHEN $6 THEN now() ELSE NULL END,
         next_attempt_at = now() + $7 * interval '1 millisecond'
       WHERE ${KEY}`,
      [...key, attempt, messageOf(outcome.error), final, delay],
    );
  }

  /** The deadlines of a РИЦ the scheduler gave up on, oldest failure first. */
  async failed(ric: string | null, limit = 500): Promise<FailedDeadline[]> {
    const rows: Array<{
      ric: string;
      client_id: string;
      deadline_id: string;
      kind: string;
      due_at: Date;
      attempts: number;
      last_error: string | null;
      failed_at: Date;
    }> = await this.dataSource.query(
      `SELECT s.ric, s.client_id, s.deadline_id, d.kind, d.due_at, s.attempts, s.last_error, s.failed_at
       FROM rm_deadline_schedule s
       JOIN rm_deadlines d ON d.ric = s.ric AND d.client_id = s.client_id AND d.deadline_id = s.deadline_id
       WHERE s.status = 'failed' AND d.status = 'pending' AND ($1::text IS NULL OR s.ric = $1)
       ORDER BY s.failed_at, s.ric, s.client_id, s.deadline_id LIMIT $2`,
      [ric, limit],
    );
    return rows.map((r) => ({
      ric: r.ric,
      clientId: r.client_id,
      deadlineId: r.deadline_id,
      kind: r.kind,
      dueAt: r.due_at,
      attempts: r.attempts,
      lastError: r.last_error,
      failedAt: r.failed_at,
    }));
  }

  /** Counts for /health and /metrics: deadlines given up on, and deadlines backing off after a failure. */
  async counts(): Promise<{ failed: number; retrying: number }> {
    const [row]: Array<{ failed: number; retrying: number }> = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE s.status = 'failed')::int AS failed,
              count(*) FILTER (WHERE s.status = 'pending' AND s.attempts > 0)::int AS retrying
       FROM rm_deadline_schedule s
       JOIN rm_deadlines d ON d.ric = s.ric AND d.client_id = s.client_id AND d.deadline_id = s.deadline_id
        AND d.status = 'pending' AND s.set_position IS NOT DISTINCT FROM d.set_position`,
    );
    return row!;
  }

  /**
   * ADMIN: fires a failed deadline again now, with its attempts counted from nothing. Answers the
   * outcome (`fired`, or `failed` with the error), or null when no such failed deadline exists.
   */
  async refire(
    ric: string,
    clientId: string,
    deadlineId: string,
  ): Promise<{ status: 'fired' | 'failed' | 'pending'; error: string | null } | null> {
    const reset: Array<{ deadline_id: string }> = await this.dataSource.query(
      `UPDATE rm_deadline_schedule SET status = 'pending', attempts = 0, failed_at = NULL, next_attempt_at = now(),
         leased_until = now() + $4 * interval '1 millisecond', updated_at = now()
       WHERE ${KEY} AND status = 'failed' RETURNING deadline_id`,
      [ric, clientId, deadlineId, this.leaseMs],
    );
    // TypeORM answers an UPDATE … RETURNING as [rows, count]
    const updated = Array.isArray(reset[0]) ? (reset[0] as unknown as unknown[]) : reset;
    if (updated.length === 0) return null;
    const [row]: Array<{ kind: string; due_at: Date }> = await this.dataSource.query(
      `SELECT kind, due_at FROM rm_deadlines WHERE ${KEY}`,
      [ric, clientId, deadlineId],
    );
    const outcome = await this.fireOne({ ric, clientId, deadlineId, kind: row!.kind, dueAt: row!.due_at });
    if (outcome.fired) return { status: 'fired', error: null };
    const [after]: Array<{ status: 'failed' | 'pending' }> = await this.dataSource.query(
      `SELECT status FROM rm_deadline_schedule WHERE ${KEY}`,
      [ric, clientId, deadlineId],
    );
    return { status: after!.status, error: messageOf(outcome.error) };
  }
}
