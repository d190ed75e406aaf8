import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CLOCK, Clock, EVENT_STORE, ManualClock } from '@ledger/application';
import { DomainError } from '@ledger/domain';
import { EventStore } from '@ledger/eventstore';
import { ProjectionRunner } from '@ledger/read-models';
import type { LedgerRuntime } from '@ledger/platform';
import { AllowRoles, Caller, CurrentCaller } from '../auth/auth';
import { LEDGER_RUNTIME } from '../tokens';
import { invalidField } from '../http/errors';
import { IsInstant } from '../http/validation';
import { ActionResponses, ReadResponses } from '../http/openapi-responses';
import { ONLY_ADMIN, PROJECTIONS, instant, int, obj, str } from '../http/openapi-schemas';

export class MoveClockDto {
  @ApiProperty({ example: '2026-03-20T21:00:00Z' })
  @IsInstant()
  now!: string;
}

@ApiTags('admin')
@ApiBearerAuth()
@AllowRoles('ADMIN')
@Controller('admin')
export class AdminController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projector: ProjectionRunner,
    @Inject(LEDGER_RUNTIME) private readonly runtime: Pick<LedgerRuntime, 'settle'>,
  ) {}

  /** CLOCK=manual only: moves the clock, fires everything due by then, answers when done. */
  @Post('clock')
  @HttpCode(201)
  @ActionResponses({
    operationId: 'moveClock',
    summary: 'Moves the manual clock and fires everything due by then (CLOCK=manual)',
    status: 201,
    ok: obj({ now: instant(), position: str('the global position of the last event it caused') }),
    input: true,
    forbidden: ONLY_ADMIN,
    conflict: { description: 'the service does not run with CLOCK=manual', rules: ['clock_not_manual'] },
  })
  async moveClock(@Body() body: MoveClockDto) {
    if (!(this.clock instanceof ManualClock)) {
      throw new DomainError(
        'clock_not_manual',
        'the clock can be moved only when the service runs with CLOCK=manual',
      );
    }
    const now = new Date(body.now);
    if (now.getTime() < this.clock.now().getTime()) {
      throw invalidField('now', `now must not be earlier than the current ${this.clock.now().toISOString()}`);
    }
    this.clock.moveTo(now);
    await this.runtime.settle();
    const position = (await this.store.headPosition()) ?? '0';
    return { now: this.clock.now().toISOString(), position };
  }

  @Get('projections')
  @ReadResponses({ operationId: 'listProjections', ok: PROJECTIONS, forbidden: ONLY_ADMIN })
  async projections() {
    return { projections: await this.projector.statuses() };
  }

  /**
   * Rebuilds one projection from the first event aside and swaps it in (ADR 0031): readers see the
   * old rows, kept up to date, until then. Recorded in the audit table with the caller.
   */
  @Post('projections/:name/rebuild')
  @HttpCode(201)
  @ActionResponses({
    operationId: 'rebuildProjection',
    summary: 'Rebuilds one projection aside and swaps it in',
    status: 201,
    ok: obj({ projection: str(), events: int('events replayed') }),
    input: false,
    forbidden: ONLY_ADMIN,
    notFound: 'no projection of that name',
  })
  async rebuild(@Param('name') name: string, @CurrentCaller() caller: Caller) {
    if (!this.projector.projections.some((p) => p.name === name)) {
      throw new NotFoundException({ error: `no projection named ${name}` });
    }
    const events = await this.projector.rebuild(name, undefined, `${caller.ric}/${caller.employeeId}`);
    return { projection: name, events };
  }
}
