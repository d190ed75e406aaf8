import { ConfigError, readConfig } from './config';

describe('configuration', () => {
  it('defaults to the embedded database, port 3000 and the system clock', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: null,
      eventStore: 'postgres',
      clock: { mode: 'system' },
    });
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it('limits bearer tokens to a working day unless AUTH_MAX_TOKEN_TTL says otherwise', () => {
    expect(readConfig({}).authMaxTokenTtlSeconds).toBe(8 * 3600);
    expect(readConfig({ AUTH_MAX_TOKEN_TTL: '30m' }).authMaxTokenTtlSeconds).toBe(1800);
  });

  it('refuses CLOCK=manual in production', () => {
    expect(() => readConfig({ CLOCK: 'manual', NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(readConfig({ CLOCK: 'manual', CLOCK_START: '2026-03-01T09:00:00Z' }).clock).toEqual({
      mode: 'manual',
      start: new Date('2026-03-01T09:00:00Z'),
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readConfig({ EVENT_STORE: 'mongo' })).toThrow(
      /EVENT_STORE must be one of postgres, kurrentdb/,
    );
    expect(() => readConfig({ EVENT_STORE: 'kurrentdb' })).toThrow(/KURRENTDB_URL/);
    expect(() => readConfig({ CLOCK: 'manual', CLOCK_START: 'tomorrow' })).toThrow(/CLOCK_START/);
    expect(() => readConfig({ AUTH_MAX_TOKEN_TTL: 'forever' })).toThrow(/AUTH_MAX_TOKEN_TTL/);
  });

  it('sends appendMany batches through COPY only when APPEND_COPY_FROM sets a size', () => {
    expect(readConfig({}).appendCopyFrom).toBe(0);
    expect(readConfig({ APPEND_COPY_FROM: '5000' }).appendCopyFrom).toBe(5000);
    expect(() => readConfig({ APPEND_COPY_FROM: 'lots' })).toThrow(/APPEND_COPY_FROM/);
  });

  it("leaves the projector's catch-up batch to the runner unless PROJECTOR_CATCH_UP_BATCH sets one", () => {
    expect(readConfig({}).projectorCatchUpBatch).toBe(0);
    expect(readConfig({ PROJECTOR_CATCH_UP_BATCH: '50000' }).projectorCatchUpBatch).toBe(50_000);
    expect(() => readConfig({ PROJECTOR_CATCH_UP_BATCH: '-1' })).toThrow(/PROJECTOR_CATCH_UP_BATCH/);
  });

  it('commits concurrent appends in groups unless GROUP_COMMIT=0', () => {
    expect(readConfig({}).groupCommit).toBe(true);
    expect(readConfig({ GROUP_COMMIT: '1' }).groupCommit).toBe(true);
    expect(readConfig({ GROUP_COMMIT: '0' }).groupCommit).toBe(false);
    expect(() => readConfig({ GROUP_COMMIT: 'maybe' })).toThrow(/GROUP_COMMIT/);
  });

  it('keeps Idempotency-Keys 48 hours and ends sessions idle in a transaction after 60 s unless told', () => {
    expect(readConfig({})).toMatchObject({ idempotencyTtlHours: 48, idleInTransactionTimeoutSeconds: 60 });
    expect(
      readConfig({ IDEMPOTENCY_TTL_HOURS: '24', IDLE_IN_TRANSACTION_TIMEOUT_SECONDS: '0.5' }),
    ).toMatchObject({ idempotencyTtlHours: 24, idleInTransactionTimeoutSeconds: 0.5 });
    expect(() => readConfig({ IDEMPOTENCY_TTL_HOURS: '0' })).toThrow(/IDEMPOTENCY_TTL_HOURS/);
    expect(() => readConfig({ IDLE_IN_TRANSACTION_TIMEOUT_SECONDS: 'never' })).toThrow(
      /IDLE_IN_TRANSACTION_TIMEOUT_SECONDS/,
    );
  });
});
