import { isDatabaseUnavailable } from './database-errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('database unavailable or not', () => {
  it.each<[string, unknown]>([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:54329')],
    ['a reset connection', withCode('ECONNRESET')],
    ['a server shutting down', withCode('57P01', 'terminating connection due to administrator command')],
    ['a server recovering', withCode('57P03', 'the database system is in recovery mode')],
    ['a connection exception class 08', withCode('08006')],
    ['a connection that went away', new Error('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    [
      'TypeORM wrapping a refused connection',
      Object.assign(new Error('query failed'), { driverError: withCode('ECONNREFUSED') }),
    ],
    ['an error caused by a reset', new Error('append failed', { cause: withCode('ECONNRESET') })],
    ['an AggregateError of refusals', new AggregateError([withCode('ECONNREFUSED')], 'connect failed')],
  ])('%s is an outage', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a unique violation', withCode('23505', 'duplicate key')],
    ['a syntax error', withCode('42601')],
    ['a wrong password', withCode('28P01')],
    ['a plain error', new Error('boom')],
    ['nothing', undefined],
    ['a string', 'ECONNREFUSED'],
  ])('%s is not', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
