import { RECORDED, RELEASED, RESERVED, Reservation, firstRevisionOf, keyState } from './idempotency-markers';

const HOUR = 3_600_000;
const now = new Date('2026-03-10T12:00:00Z');
const timing = { now, ttlMs: 48 * HOUR, leaseMs: 60_000 };
const ago = (ms: number) => new Date(now.getTime() - ms);
const reservation: Reservation = {
  requestHash: 'h',
  response: {},
  streamId: 's',
  expectedVersion: 4,
  eventIds: ['e1', 'e2'],
};

describe('idempotency markers on KurrentDB: who may claim a key', () => {
  it('claims a key never used at no_stream, and a released one at its revision', () => {
    expect(keyState(null, false, timing)).toEqual({ free: true, streamState: 'no_stream' });
    expect(keyState({ type: RELEASED, revision: 1n, created: ago(10) }, false, timing)).toEqual({
      free: true,
      streamState: 1n,
    });
  });

  it('holds a recorded key until the TTL, then lets it be claimed again', () => {
    const recorded = (age: number) =>
      ({
        type: RECORDED,
        revision: 1n,
        created: ago(age),
        data: { requestHash: 'h', response: {} },
      }) as const;
    expect(keyState(recorded(47 * HOUR), false, timing)).toEqual({ free: false });
    expect(keyState(recorded(48 * HOUR), false, timing)).toEqual({ free: true, streamState: 1n });
  });

  it('holds a reservation whose events are written, or whose writer may still be at work', () => {
    const reserved = (age: number) =>
      ({ type: RESERVED, revision: 0n, created: ago(age), data: reservation }) as const;
    expect(keyState(reserved(5 * HOUR), true, timing)).toEqual({ free: false });
    expect(keyState(reserved(10_000), false, timing)).toEqual({ free: false });
    // no events a lease after the claim: the writer died before writing them
    expect(keyState(reserved(60_000), false, timing)).toEqual({ free: true, streamState: 0n });
    expect(keyState(reserved(48 * HOUR), true, timing)).toEqual({ free: true, streamState: 0n });
  });

  it('knows where reserved events would be from the version they were appended at', () => {
    expect(firstRevisionOf(reservation)).toBe(4n);
    expect(firstRevisionOf({ ...reservation, expectedVersion: 'no_stream' })).toBe(0n);
    expect(firstRevisionOf({ ...reservation, expectedVersion: 'any' })).toBeNull();
  });
});
