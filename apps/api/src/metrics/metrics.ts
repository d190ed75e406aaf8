import { Controller, Get, Header, Inject, Injectable } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DeadlineScheduler, ProjectionRunner } from '@ledger/read-models';
import { LedgerRuntime, oldestTransactions } from '@ledger/platform';
import { Public } from '../auth/auth';
import { PublicResponses } from '../http/openapi-responses';
import { LEDGER_RUNTIME } from '../tokens';
import { NoReadYourWrites } from '../http/read-your-writes';
import { refusedBy } from '../http/errors';

/** Prometheus metrics of one process: requests, and how far each projection has come. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly requests: Histogram<'method' | 'route' | 'status'>;
  readonly refusals: Counter<'rule'>;

  constructor(
    projector: ProjectionRunner,
    @Inject(LEDGER_RUNTIME) runtime: Pick<LedgerRuntime, 'pool'>,
    scheduler: DeadlineScheduler,
  ) {
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Histogram({
      name: 'ledger_http_request_duration_seconds',
      help: 'HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.refusals = new Counter({
      name: 'ledger_command_refusals_total',
      help: 'Commands refused by a business rule',
      labelNames: ['rule'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'ledger_projection_position',
      help: 'Global position of the last event each projection processed',
      labelNames: ['projection', 'status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const s of await projector.statuses())
          this.set({ projection: s.name, status: s.status }, Number(s.position ?? 0));
      },
    });
    new Gauge({
      name: 'ledger_db_oldest_transaction_age_seconds',
      help:
        'Age of the oldest database transaction: scope "writing" holds a transaction id on the server ' +
        '(every reader of the event log waits for it), "open" is any open one in the ledger database',
      labelNames: ['scope'],
      registers: [this.registry],
      async collect() {
        const ages = await oldestTransactions(runtime.pool);
        this.set({ scope: 'writing' }, ages.writing);
        this.set({ scope: 'open' }, ages.open);
      },
    });
    new Gauge({
      name: 'ledger_projection_parked',
      help: 'Projections stopped at an event until an ADMIN retries or skips it (1 when parked)',
      labelNames: ['projection'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const s of await projector.statuses())
          this.set({ projection: s.name }, s.status === 'parked' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'ledger_deadlines',
      help: 'Deadlines the scheduler gave up on (failed) or retries after a failure (retrying)',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const counts = await scheduler.counts();
        this.set({ status: 'failed' }, counts.failed);
        this.set({ status: 'retrying' }, counts.retrying);
      },
    });
  }
}

/**
 * The request histogram, by method, route and the status actually answered, and the refusals by
 * the rule the ErrorFilter answered with. A middleware, not an interceptor: with no interceptor left, Nest
 * calls a handler without an rxjs chain per request (ADR 0060, third round).
 */
export function requestMetrics(metrics: Metrics) {
  return (request: Request, response: Response, next: () => void): void => {
    const stop = metrics.requests.startTimer({ method: request.method });
    response.once('close', () => {
      stop({
        route: (request.route?.path as string | undefined) ?? 'unknown',
        status: String(response.statusCode),
      });
      const rule = refusedBy(response);
      if (rule) metrics.refusals.inc({ rule });
    });
    next();
  };
}

@ApiTags('health')
@Public()
@NoReadYourWrites()
@Controller()
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get('metrics')
  @PublicResponses({ operationId: 'metrics', summary: 'Prometheus metrics (no token)', text: true })
  @Header('Content-Type', 'text/plain; version=0.0.4')
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
