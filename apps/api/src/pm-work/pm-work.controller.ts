import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Caller, CurrentCaller } from '../auth/auth';
import { AllowCommand, ClientCommands } from '../http/client-commands';
import { CommandResponses } from '../http/openapi-responses';
import { CompetitorDiagnosticsDto, DecisionMakerStepDto } from './pm-work.dto';

/** The ПМ's regular work [002]: the monthly decision-maker contact and the half-yearly competitor diagnostics. */
@ApiTags('pm-work')
@ApiBearerAuth()
@Controller('clients/:clientId')
export class PmWorkController {
  constructor(private readonly commands: ClientCommands) {}

  /** The ПМ's monthly decision-maker contact, step by step. */
  @Post('decision-maker-contacts')
  @HttpCode(201)
  @AllowCommand('RecordDecisionMakerStep')
  @CommandResponses('RecordDecisionMakerStep')
  decisionMaker(
    @Param('clientId') clientId: string,
    @Body() body: DecisionMakerStepDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    return this.commands.send(request, caller, clientId, {
      type: 'RecordDecisionMakerStep',
      step: body.step,
      ...(body.comment ? { comment: body.comment } : {}),
    });
  }

  @Post('competitor-diagnostics')
  @HttpCode(201)
  @AllowCommand('RecordCompetitorDiagnostics')
  @CommandResponses('RecordCompetitorDiagnostics')
  competitors(
    @Param('clientId') clientId: string,
    @Body() body: CompetitorDiagnosticsDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    return this.commands.send(request, caller, clientId, {
      type: 'RecordCompetitorDiagnostics',
      competitor: body.competitor,
      competitors: body.competitors ?? [],
      ...(body.comment ? { comment: body.comment } : {}),
    });
  }
}
