import { Body, Controller, HttpCode, NotFoundException, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { UsageObservation } from '@ledger/domain';
import { Caller, CurrentCaller } from '../auth/auth';
import { AllowCommand, ClientCommands } from '../http/client-commands';
import { ClientQueries } from '../clients/client-queries';
import { UsageObservationsDto, UsageObservationDto } from './usage.dto';

const toObservation = (o: UsageObservationDto): UsageObservation => ({
  weekStart: o.weekStart,
  logins: o.logins ?? 0,
  portalRequests: o.portalRequests ?? 0,
  ...(o.portalLowestRating !== undefined ? { portalLowestRating: o.portalLowestRating } : {}),
  hotlineRequests: o.hotlineRequests ?? 0,
  trainedShare: o.trainedShare ?? 0,
  webinars: o.webinars ?? 0,
  newsletterClicks: o.newsletterClicks ?? 0,
  videoClicks: o.videoClicks ?? 0,
  updatesInstalled: o.updatesInstalled ?? false,
  renewalPeriodStarted: o.renewalPeriodStarted ?? false,
  unreturnedActs: o.unreturnedActs ?? 0,
  competitor: o.competitor ?? 'unknown',
});

/** Usage facts from the РИЦ's CRM (weekly imports): one `UsageObserved` per client and week. */
@ApiTags('usage')
@ApiBearerAuth()
@Controller('usage-observations')
export class UsageController {
  constructor(
    private readonly commands: ClientCommands,
    private readonly queries: ClientQueries,
  ) {}

  /**
   * Every client is checked before anything is written, so an unknown one refuses the whole import;
   * the same observation sent again records nothing, so a repeated import completes a broken one.
   */
  @Post()
  @HttpCode(201)
  @AllowCommand('RecordUsage')
  async observe(
    @Body() body: UsageObservationsDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    const clientIds = [...new Set(body.observations.map((o) => o.clientId))];
    const unknown: string[] = [];
    for (const id of clientIds) if (!(await this.queries.exists(caller.ric, id))) unknown.push(id);
    if (unknown.length > 0)
      throw new NotFoundException({ error: `unknown clients: ${unknown.join(', ')}`, clients: unknown });
    let last: { streamVersion: number; position: string } = { streamVersion: 0, position: '0' };
    let recorded = 0;
    for (const [i, o] of body.observations.entries()) {
      const command = { type: 'RecordUsage' as const, observation: toObservation(o) };
      // each observation its own command: an Idempotency-Key is kept apart per observation
      const answer = await this.commands.sendCounting(request, caller, o.clientId, command, undefined, i);
      if (answer.appended !== 0) recorded++;
      last = { streamVersion: answer.streamVersion, position: answer.position };
    }
    return {
      observations: body.observations.length,
      recorded,
      streamVersion: last.streamVersion,
      position: last.position,
    };
  }
}
