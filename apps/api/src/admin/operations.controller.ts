import {
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DeadlineScheduler, ProjectionNotParkedError, ProjectionRunner } from '@ledger/read-models';
import { AllowRoles, Caller, CurrentCaller } from '../auth/auth';
import { ActionResponses, ReadResponses } from '../http/openapi-responses';
import {
  ONLY_ADMIN,
  PARKED_AT,
  instant,
  int,
  list,
  nullable,
  obj,
  oneOfValues,
  str,
} from '../http/openapi-schemas';

export class DeadlineQuery {
  @ApiPropertyOptional({ enum: ['failed'], default: 'failed' })
  @IsOptional()
  @IsIn(['failed'])
  status?: 'failed';
}

/** Deadline ids may contain '/', so they travel in the body, not in the path. */
export class RefireDeadlineDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  clientId!: string;

  @ApiProperty({ example: 'promise/p-1/due' })
  @IsString()
  @IsNotEmpty()
  deadlineId!: string;
}

export class SkipEventDto {
  @ApiProperty({ description: 'global position of the parked event (from GET /admin/projections)' })
  @IsString()
  @Matches(/^\d{1,19}$/, { message: 'position must be a global position (a decimal string)' })
  position!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

/**
 * ADMIN operations (README "Operations"): deadlines the scheduler gave up on, and projections
 * parked at an event.
 */
@ApiTags('admin')
@ApiBearerAuth()
@AllowRoles('ADMIN')
@Controller('admin')
export class OperationsController {
  constructor(
    private readonly scheduler: DeadlineScheduler,
    private readonly projector: ProjectionRunner,
  ) {}

  /** The caller's РИЦ's deadlines the scheduler gave up on (retries spent, or refused by the domain). */
  @Get('deadlines')
  @ReadResponses({
    operationId: 'listFailedDeadlines',
    summary: 'Deadlines the scheduler gave up on',
    ok: obj({
      deadlines: list(
        obj({
          clientId: str(),
          deadlineId: str(),
          kind: str(),
          dueAt: instant(),
          status: oneOfValues(['failed']),
          attempts: int(),
          lastError: nullable(str()),
          failedAt: instant(),
        }),
      ),
    }),
    forbidden: ONLY_ADMIN,
  })
  async deadlines(@CurrentCaller() caller: Caller, @Query() _query: DeadlineQuery) {
    const failed = await this.scheduler.failed(caller.ric);
    return {
      deadlines: failed.map((d) => ({
        clientId: d.clientId,
        deadlineId: d.deadlineId,
        kind: d.kind,
        dueAt: d.dueAt.toISOString(),
        status: 'failed',
        attempts: d.attempts,
        lastError: d.lastError,
        failedAt: d.failedAt.toISOString(),
      })),
    };
  }

  /** Fires a failed deadline again now; answers what became of it. */
  @Post('deadlines/refire')
  @HttpCode(200)
  @ActionResponses({
    operationId: 'refireDeadline',
    summary: 'Fires a failed deadline again now',
    status: 200,
    ok: obj({
      clientId: str(),
      deadlineId: str(),
      status: oneOfValues(['fired', 'failed', 'pending']),
      error: nullable(str()),
    }),
    input: true,
    forbidden: ONLY_ADMIN,
    notFound: 'no failed deadline of that id and client in the caller’s РИЦ',
  })
  async refire(@CurrentCaller() caller: Caller, @Body() body: RefireDeadlineDto) {
    const outcome = await this.scheduler.refire(caller.ric, body.clientId, body.deadlineId);
    if (!outcome)
      throw new NotFoundException({
        error: `no failed deadline ${body.deadlineId} of client ${body.clientId}`,
      });
    return { clientId: body.clientId, deadlineId: body.deadlineId, ...outcome };
  }

  /** Tries a parked projection's event again (after a fix). */
  @Post('projections/:name/retry')
  @HttpCode(200)
  @ActionResponses({
    operationId: 'retryParkedProjection',
    summary: 'Tries a parked projection’s event again',
    status: 200,
    ok: obj({ projection: str(), status: oneOfValues(['running']) }),
    input: false,
    forbidden: ONLY_ADMIN,
    notFound: 'no projection of that name',
    conflict: { description: 'the projection is not parked' },
  })
  async retry(@CurrentCaller() caller: Caller, @Param('name') name: string) {
    this.known(name);
    await this.parkedOnly(() => this.projector.retryParked(name, `${caller.ric}/${caller.employeeId}`));
    return { projection: name, status: 'running' };
  }

  /** Moves a parked projection past its event without applying it; kept in the audit table. */
  @Post('projections/:name/skip')
  @HttpCode(200)
  @ActionResponses({
    operationId: 'skipParkedEvent',
    summary: 'Moves a parked projection past its event without applying it',
    status: 200,
    ok: obj({ projection: str(), status: oneOfValues(['running']), skipped: PARKED_AT }),
    input: true,
    forbidden: ONLY_ADMIN,
    notFound: 'no projection of that name',
    conflict: { description: 'the projection is not parked, or parked at another position' },
  })
  async skip(@CurrentCaller() caller: Caller, @Param('name') name: string, @Body() body: SkipEventDto) {
    this.known(name);
    const skipped = await this.parkedOnly(() =>
      this.projector.skipParked(
        name,
        body.position,
        `${caller.ric}/${caller.employeeId}`,
        body.reason ?? null,
      ),
    );
    return { projection: name, status: 'running', skipped };
  }

  private known(name: string): void {
    if (!this.projector.projections.some((p) => p.name === name))
      throw new NotFoundException({ error: `no projection named ${name}` });
  }

  private async parkedOnly<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      if (error instanceof ProjectionNotParkedError) throw new ConflictException({ error: error.message });
      throw error;
    }
  }
}
