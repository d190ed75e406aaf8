import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { DeadlineScheduler, ProjectionRunner } from '@ledger/read-models';
import type { LedgerRuntime } from '@ledger/platform';
import { Public } from '../auth/auth';
import { PublicResponses } from '../http/openapi-responses';
import { NoReadYourWrites } from '../http/read-your-writes';
import { LEDGER_RUNTIME } from '../tokens';
import { databaseDownReason } from './database-state';

export const RUNS_PROJECTOR = Symbol('RunsProjector');
/** Whatever runs this process's projector: the runner itself, or the thread it runs on (main.ts). */
export const PROJECTOR_PLACEMENT = Symbol('ProjectorPlacement');

/**
 * 200 when the database answers and no projection is failing or parked (API.md). Failed deadlines
 * are listed but do not make the service unhealthy: they need a person, not a restart.
 */
@ApiTags('health')
@Public()
@NoReadYourWrites()
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly readModels: DataSource,
    private readonly projector: ProjectionRunner,
    private readonly scheduler: DeadlineScheduler,
    @Inject(RUNS_PROJECTOR) private readonly runsProjector: boolean,
    @Inject(PROJECTOR_PLACEMENT) private readonly placement: { readonly isRunning: boolean },
    @Inject(LEDGER_RUNTIME) private readonly runtime: LedgerRuntime,
  ) {}

  @Get(['health', 'api/v1/health'])
  @HealthCheck()
  @PublicResponses({
    operationId: 'health',
    summary: 'Up when the database and the projector are (no token)',
  })
  check() {
    return this.health.check([
      async () => {
        const indicator = this.indicators.check('database');
        // The watcher knows before any query does (and says why): restarting after a crash, or failed.
        const down = databaseDownReason(this.runtime);
        if (down) return indicator.down({ message: down });
        try {
          await this.readModels.query('SELECT 1');
          return indicator.up();
        } catch (error) {
          return indicator.down({ message: error instanceof Error ? error.message : String(error) });
        }
      },
      async () => {
        const indicator = this.indicators.check('projector');
        let statuses: Awaited<ReturnType<ProjectionRunner['statuses']>>;
        try {
          statuses = await this.projector.statuses();
        } catch (error) {
          return indicator.down({
            message: `unknown: its checkpoints cannot be read (${error instanceof Error ? error.message : String(error)})`,
          });
        }
        const failed = statuses.filter((s) => s.status === 'failed' || s.status === 'parked');
        const detail = {
          running: this.placement.isRunning,
          projections: statuses.map((s) => ({
            name: s.name,
            position: s.position,
            status: s.status,
            ...(s.status === 'running' ? {} : { lastError: s.lastError }),
            ...(s.parkedAt ? { parkedAt: s.parkedAt } : {}),
          })),
        };
        // With a separate projector process, its failures still show in the shared checkpoint table.
        const running = this.placement.isRunning || !this.runsProjector;
        return running && failed.length === 0 ? indicator.up(detail) : indicator.down(detail);
      },
      async () => {
        const indicator = this.indicators.check('deadlines');
        try {
          // failed: given up on (GET /api/v1/admin/deadlines?status=failed); retrying: backing off
          return indicator.up(await this.scheduler.counts());
        } catch (error) {
          return indicator.down({ message: error instanceof Error ? error.message : String(error) });
        }
      },
    ]);
  }
}
