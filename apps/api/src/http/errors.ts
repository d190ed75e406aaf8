import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Inject,
  Logger,
  ValidationError,
} from '@nestjs/common';
import { DomainError } from '@ledger/domain';
import { IdempotencyKeyTakenError, WrongExpectedVersionError } from '@ledger/eventstore';
import { LedgerRuntime, isDatabaseUnavailable } from '@ledger/platform';
import type { Response } from 'express';
import { LEDGER_RUNTIME } from '../tokens';
import { databaseDownReason } from '../health/database-state';

export interface FieldProblem {
  field: string;
  message: string;
}

/** 400 `{ error, details: [{ field, message }] }` (API.md). */
export class InvalidInput extends BadRequestException {
  constructor(details: FieldProblem[]) {
    super({ error: `invalid input: ${details.map((d) => d.field).join(', ')}`, details });
  }
}

export const invalidField = (field: string, message: string) => new InvalidInput([{ field, message }]);

/** Flattens class-validator errors into dotted field paths (`observations.0.clientId`). */
export function fieldProblems(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/** Read-your-writes wait ran out (API.md: 503 with Retry-After). */
export class NotYetProjected extends HttpException {
  constructor(readonly position: string) {
    super({ error: `projections have not reached position ${position} yet` }, HttpStatus.SERVICE_UNAVAILABLE);
  }
}

/** Seconds a client should wait before retrying while the database is down. */
export const DATABASE_RETRY_AFTER_S = 2;

/**
 * A read asked for a position that a parked projection will not reach until an ADMIN retries or
 * skips its event: 503 at once (no point in waiting), naming the projection and the event.
 */
export class ProjectionParked extends HttpException {
  constructor(
    readonly position: string,
    parked: ReadonlyArray<{
      name: string;
      parkedAt: { position: string; streamId: string; type: string } | null;
    }>,
  ) {
    const which = parked
      .map((p) =>
        p.parkedAt
          ? `${p.name} (parked at event ${p.parkedAt.type}, position ${p.parkedAt.position}, stream ${p.parkedAt.streamId})`
          : p.name,
      )
      .join(', ');
    super(
      {
        error: `position ${position} cannot be read yet: ${parked.length > 1 ? 'projections' : 'projection'} ${which} ${parked.length > 1 ? 'are' : 'is'} parked until an ADMIN retries or skips that event (POST /api/v1/admin/projections/{name}/retry or /skip)`,
        projections: parked.map((p) => p.name),
      },
      HttpStatus.SERVICE_UNAVAILABLE,
    );
  }
}

const REFUSED_BY = Symbol('refusedBy');
type RefusedResponse = { [REFUSED_BY]?: string };

/** The business rule that refused the request answered by `response`, if one did. */
export const refusedBy = (response: object): string | undefined => (response as RefusedResponse)[REFUSED_BY];

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  constructor(@Inject(LEDGER_RUNTIME) private readonly runtime: LedgerRuntime) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof DomainError) {
      // the rule that refused, for the request metrics (ledger_command_refusals_total by rule)
      (response as RefusedResponse)[REFUSED_BY] = exception.rule;
      const status = { conflict: 409, forbidden: 403, not_found: 404 }[exception.kind];
      response.status(status).json({ error: exception.message, rule: exception.rule });
      return;
    }
    if (exception instanceof WrongExpectedVersionError) {
      response
        .status(409)
        .json({ error: 'the client changed meanwhile, try again', rule: 'concurrency_conflict' });
      return;
    }
    if (exception instanceof IdempotencyKeyTakenError) {
      // Another request with this key is still at work (KurrentDB claims keys before writing).
      response.status(409).json({
        error: 'a request with this Idempotency-Key is still being processed, try again',
        rule: 'concurrency_conflict',
      });
      return;
    }
    if (exception instanceof NotYetProjected) response.setHeader('Retry-After', '1');
    if (exception instanceof ProjectionParked) response.setHeader('Retry-After', '60');
    if (exception instanceof HttpException) {
      // Every 503 (health included) says when to come back.
      if (exception.getStatus() === 503 && !response.getHeader('Retry-After')) {
        response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_S));
      }
      response.status(exception.getStatus()).json(this.httpBody(exception));
      return;
    }
    if (isDatabaseUnavailable(exception)) {
      // An outage, not a bug: the embedded server is being restarted, or an outside one will return.
      const reason = databaseDownReason(this.runtime) ?? 'it does not answer';
      this.logger.warn(
        `database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`,
      );
      response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_S));
      response.status(503).json({ error: `the database is unavailable (${reason}); try again shortly` });
      return;
    }
    const status = (exception as { status?: number; type?: string })?.status;
    if (status === 413 || (exception as { type?: string })?.type === 'entity.too.large') {
      response.status(413).json({ error: 'request body too large' });
      return;
    }
    if (status === 400 && (exception as { type?: string })?.type === 'entity.parse.failed') {
      response.status(400).json({
        error: 'request body is not valid JSON',
        details: [{ field: 'body', message: 'not valid JSON' }],
      });
      return;
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(500).json({ error: 'internal error' });
  }

  /** Our own bodies pass as they are; Nest's `{ statusCode, message, error }` becomes `{ error }`. */
  private httpBody(exception: HttpException): Record<string, unknown> {
    const body = exception.getResponse();
    if (typeof body === 'object' && body !== null && 'error' in body && !('statusCode' in body)) {
      return body as Record<string, unknown>;
    }
    const raw =
      typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
    const message = Array.isArray(raw) ? raw.join('; ') : String(raw);
    // Express's body parser failed (Nest maps it to a BadRequestException with the parser's message).
    if (exception.getStatus() === 400 && /JSON/.test(message)) {
      return {
        error: `the request body is not valid JSON: ${message}`,
        details: [{ field: 'body', message }],
      };
    }
    if (exception.getStatus() === 413) return { error: 'the request body is too large' };
    return { error: message };
  }
}
