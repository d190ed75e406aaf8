import type { ExpectedVersion, LogCursor } from '../event-store';

/**
 * Between the port's numbering and KurrentDB's: stream versions are 1-based (empty = 0), KurrentDB
 * revisions 0-based; the log cursor is the `$all` position of the last event read.
 */
export type KurrentStreamState = 'no_stream' | 'any' | bigint;

export function toStreamState(expected: ExpectedVersion): KurrentStreamState {
  if (expected === 'any') return 'any';
  if (expected === 'no_stream' || expected === 0) return 'no_stream';
  return BigInt(expected - 1);
}

/** A KurrentDB current state (`no_stream` or the last revision) as the port's version. */
export const toVersion = (state: 'no_stream' | bigint | string | undefined): number =>
  typeof state === 'bigint' ? Number(state) + 1 : 0;

export const revisionToVersion = (revision: bigint): number => Number(revision) + 1;

export interface AllPosition {
  commit: bigint;
  prepare: bigint;
}

export const encodeCursor = (position: AllPosition): LogCursor => `${position.commit}:${position.prepare}`;

export function decodeCursor(cursor: LogCursor | null): AllPosition | null {
  if (!cursor) return null;
  const match = /^(\d+):(\d+)$/.exec(cursor);
  if (!match) throw new Error(`not a KurrentDB log cursor: ${cursor}`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}

/** Streams of the ledger in `$all`: not KurrentDB's own, not our idempotency records. */
export const isLedgerStream = (streamId: string): boolean =>
  !streamId.startsWith('$') && !streamId.startsWith(IDEMPOTENCY_STREAM_PREFIX);

export const IDEMPOTENCY_STREAM_PREFIX = 'ledger-idempotency-';
/** The scope's length goes first, so no other scope and key can spell the same name ('a-b' + 'c', 'a' + 'b-c'). */
export const idempotencyStream = (scope: string, key: string) =>
  `${IDEMPOTENCY_STREAM_PREFIX}${scope.length}:${scope}-${key}`;
