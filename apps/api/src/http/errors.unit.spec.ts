import type { ArgumentsHost } from '@nestjs/common';
import { IdempotencyKeyTakenError, WrongExpectedVersionError } from '@ledger/eventstore';
import type { LedgerRuntime } from '@ledger/platform';
import { ErrorFilter } from './errors';

/** The HTTP answer the filter gives an error, captured without a server. */
function answerTo(error: unknown): { status: number; body: unknown } {
  const answer = { status: 0, body: undefined as unknown };
  const response = {
    status(code: number) {
      answer.status = code;
      return this;
    },
    json(body: unknown) {
      answer.body = body;
      return this;
    },
    setHeader: () => undefined,
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  // these answers never consult the runtime (only a database outage does)
  new ErrorFilter({} as LedgerRuntime).catch(error, host);
  return answer;
}

describe('ErrorFilter: conflicts of the command path', () => {
  it('answers a lost race as 409 concurrency_conflict', () => {
    expect(answerTo(new WrongExpectedVersionError('s', 1, 2))).toMatchObject({
      status: 409,
      body: { rule: 'concurrency_conflict' },
    });
  });

  it('answers a key still held by a request at work as 409 concurrency_conflict, not 500', () => {
    expect(answerTo(new IdempotencyKeyTakenError('444/ros-1', 'k'))).toMatchObject({
      status: 409,
      body: { rule: 'concurrency_conflict' },
    });
  });
});
