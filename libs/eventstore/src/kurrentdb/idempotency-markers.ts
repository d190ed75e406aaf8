import type { ExpectedVersion } from '../event-store';

/**
 * KurrentDB has no transaction across two streams, so an Idempotency-Key is claimed before the
 * command's events are written (ADR 0028). Each key has its own marker stream, whose last event says
 * where the key stands:
 * - `IdempotencyKeyReserved`: a writer claimed it, with everything needed to find its events;
 * - `IdempotencyRecorded`: the events are written, here is the answer;
 * - `IdempotencyKeyReleased`: the writer's events were refused (stream version moved), the key is free.
 * Every state change is an append at the marker stream's exact revision (the first at `no_stream`),
 * so of two writers racing for one key exactly one wins, before either has written any event.
 */
export const RESERVED = 'IdempotencyKeyReserved';
export const RECORDED = 'IdempotencyRecorded';
export const RELEASED = 'IdempotencyKeyReleased';

export interface Reservation {
  requestHash: string;
  response: Record<string, unknown>;
  streamId: string;
  expectedVersion: ExpectedVersion;
  eventIds: string[];
}

export interface Recorded {
  requestHash: string;
  response: Record<string, unknown>;
}

/** The last event of a marker stream, as far as deciding goes. */
export type MarkerEvent =
  | { type: typeof RESERVED; revision: bigint; created: Date; data: Reservation }
  | { type: typeof RECORDED; revision: bigint; created: Date; data: Recorded }
  | { type: typeof RELEASED; revision: bigint; created: Date };

export interface KeyTiming {
  now: Date;
  /** After this a key is forgotten (README: IDEMPOTENCY_TTL_HOURS). */
  ttlMs: number;
  /** After this a reservation whose events never appeared counts as abandoned (its writer died). */
  leaseMs: number;
}

/** Where to append the next reservation, or that the key is held. */
export type KeyState = { free: true; streamState: 'no_stream' | bigint } | { free: false };

/**
 * Decides whether a key can be claimed, from the marker stream's last event (null: no stream) and
 * whether a reservation's events are in their stream.
 */
export function keyState(last: MarkerEvent | null, eventsLanded: boolean, timing: KeyTiming): KeyState {
  if (last === null) return { free: true, streamState: 'no_stream' };
  const age = timing.now.getTime() - last.created.getTime();
  const free: KeyState = { free: true, streamState: last.revision };
  switch (last.type) {
    case RELEASED:
      return free;
    case RECORDED:
      return age >= timing.ttlMs ? free : { free: false };
    case RESERVED:
      if (age >= timing.ttlMs) return free;
      if (eventsLanded) return { free: false };
      return age >= timing.leaseMs ? free : { free: false };
    default: {
      const unknown: never = last;
      throw new Error(`unknown idempotency marker ${JSON.stringify(unknown)}`);
    }
  }
}

/** The first revision (0-based) the reserved events occupy if they were written, when known. */
export function firstRevisionOf(reservation: Reservation): bigint | null {
  const expected = reservation.expectedVersion;
  if (expected === 'any') return null;
  return BigInt(expected === 'no_stream' ? 0 : expected);
}
