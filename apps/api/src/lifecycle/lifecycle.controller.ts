import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Caller, CurrentCaller } from '../auth/auth';
import { AllowCommand, ClientCommands } from '../http/client-commands';
import { CommandResponses } from '../http/openapi-responses';
import { LeaveRemoteServiceDto, TransferStepDto } from './lifecycle.dto';

/** Transfer to remote service in three steps, and leaving it (SPEC §3.1). */
@ApiTags('lifecycle')
@ApiBearerAuth()
@Controller('clients/:clientId')
export class LifecycleController {
  constructor(private readonly commands: ClientCommands) {}

  /** ROS and ADMIN record every step; the client's КПП also the first remote call. */
  @Post('transfer-steps')
  @HttpCode(201)
  @AllowCommand('RecordTransferStep')
  @CommandResponses('RecordTransferStep')
  transferStep(
    @Param('clientId') clientId: string,
    @Body() body: TransferStepDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    return this.commands.send(request, caller, clientId, {
      type: 'RecordTransferStep',
      step: body.step,
      ...(body.occurredAt ? { occurredAt: new Date(body.occurredAt).toISOString() } : {}),
    });
  }

  /** The client leaves remote service: it stops, or returns to field service (ROS, ADMIN). */
  @Post('remote-service-exits')
  @HttpCode(201)
  @AllowCommand('LeaveRemoteService')
  @CommandResponses('LeaveRemoteService')
  leave(
    @Param('clientId') clientId: string,
    @Body() body: LeaveRemoteServiceDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    return this.commands.send(request, caller, clientId, {
      type: 'LeaveRemoteService',
      to: body.to,
      reason: body.reason,
    });
  }
}
