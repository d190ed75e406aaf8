import type { RecordedEvent } from '@ledger/eventstore';

/** Where a projection is parked: the one event it could not get past. */
export interface ParkedAt {
  position: string;
  streamId: string;
  eventId: string;
  type: string;
}

export const parkedAtOf = (event: RecordedEvent): ParkedAt => ({
  position: event.position,
  streamId: event.streamId,
  eventId: event.metadata.eventId,
  type: event.type,
});

/** A projection failed on one event: says which, so that a log line is enough to find it. */
export class ProjectionEventError extends Error {
  constructor(
    readonly projection: string,
    readonly event: ParkedAt,
    readonly reason: string,
    /** What the handler threw (tells an outage from a poison event). */
    readonly original?: unknown,
  ) {
    super(
      `projection ${projection} failed on event ${event.type} at position ${event.position} of stream ${event.streamId} (event ${event.eventId}): ${reason}`,
    );
    this.name = 'ProjectionEventError';
  }
}

/** A read waited for a projection that is parked and will not move until an ADMIN acts. */
export class ProjectionParkedError extends Error {
  constructor(
    readonly projection: string,
    readonly parkedAt: ParkedAt | null,
  ) {
    super(
      parkedAt
        ? `projection ${projection} is parked at event ${parkedAt.type} (position ${parkedAt.position}, stream ${parkedAt.streamId}); an ADMIN must retry or skip it`
        : `projection ${projection} is parked; an ADMIN must retry or skip it`,
    );
    this.name = 'ProjectionParkedError';
  }
}

const TRANSIENT_CODES = /^(08|53|57P|40001|40P01)/;
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

/**
 * An error of the database or the network rather than of the event: retried without end (with
 * backoff), never a reason to park. SQLSTATE classes 08 (connection), 53 (resources), 57P (shutdown),
 * serialization failures and deadlocks.
 */
export function isTransient(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (TRANSIENT_CODES.test(code) || NETWORK_CODES.has(code)) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /Connection terminated|connection (is )?(closed|lost)|terminating connection/i.test(message);
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Delay before the n-th retry (1-based): base·2^(n−1), at most `maxMs`. */
export const backoffMs = (attempt: number, baseMs: number, maxMs: number): number =>
  Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));

/** A batch of several events failed: it is retried one event at a time to find the one at fault. */
export class BatchError extends Error {
  readonly size: number;

  constructor(
    projection: string,
    events: readonly RecordedEvent[],
    readonly original: unknown,
  ) {
    super(
      `projection ${projection} failed on the batch of ${events.length} events at positions ${events[0]!.position}–${events[events.length - 1]!.position}: ${messageOf(original)}; retrying them one by one`,
    );
    this.name = 'BatchError';
    this.size = events.length;
  }
}
