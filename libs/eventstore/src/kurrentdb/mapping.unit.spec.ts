import {
  decodeCursor,
  idempotencyStream,
  encodeCursor,
  isLedgerStream,
  revisionToVersion,
  toStreamState,
  toVersion,
} from './mapping';

describe('KurrentDB mapping', () => {
  it.each([
    ['no_stream' as const, 'no_stream'],
    ['any' as const, 'any'],
    [0, 'no_stream'],
    [1, 0n],
    [42, 41n],
  ])('expects %p as %p', (expected, state) => {
    expect(toStreamState(expected)).toEqual(state);
  });

  it('turns revisions and states into 1-based versions', () => {
    expect(revisionToVersion(0n)).toBe(1);
    expect(toVersion('no_stream')).toBe(0);
    expect(toVersion(9n)).toBe(10);
  });

  it('encodes and decodes a log cursor, and refuses a foreign one', () => {
    const position = { commit: 123456789012345n, prepare: 123456789012345n };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    expect(decodeCursor(null)).toBeNull();
    expect(() => decodeCursor('12-34')).toThrow(/not a KurrentDB log cursor/);
  });

  it('keeps system and idempotency streams out of the ledger’s log', () => {
    expect(isLedgerStream('client-444-c-1')).toBe(true);
    expect(isLedgerStream('$stats-127.0.0.1:2113')).toBe(false);
    expect(isLedgerStream('ledger-idempotency-444-k')).toBe(false);
  });

  it('names key streams so that no two scopes and keys share one', () => {
    expect(idempotencyStream('444/ros-1', 'x')).not.toBe(idempotencyStream('444/ros', '1-x'));
    expect(isLedgerStream(idempotencyStream('444/ros-1', 'x'))).toBe(false);
  });
});
