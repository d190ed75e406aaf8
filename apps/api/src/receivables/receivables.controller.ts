import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Caller, CurrentCaller } from '../auth/auth';
import { AllowCommand, ClientCommands } from '../http/client-commands';
import { CommandResponses } from '../http/openapi-responses';
import { CommentDto, IssueInvoiceDto, RecordPaymentDto, RecordPaymentPromiseDto } from './receivables.dto';

/**
 * Invoices, payments, payment promises and handovers (SPEC §3.2). Roles are checked here; whether a
 * КПП or ПМ is the client's responsible one is the decider's rule (403 `not_responsible`).
 */
@ApiTags('receivables')
@ApiBearerAuth()
@Controller('clients/:clientId')
export class ReceivablesController {
  constructor(private readonly commands: ClientCommands) {}

  @Post('invoices')
  @HttpCode(201)
  @AllowCommand('IssueInvoice')
  @CommandResponses('IssueInvoice')
  issueInvoice(
    @Param('clientId') clientId: string,
    @Body() body: IssueInvoiceDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    return this.commands.send(request, caller, clientId, { type: 'IssueInvoice', ...body });
  }

  @Post('payments')
  @HttpCode(201)
  @AllowCommand('RecordPayment')
  @CommandResponses('RecordPayment')
  recordPayment(
    @Param('clientId') clientId: string,
    @Body() body: RecordPaymentDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    return this.commands.send(request, caller, clientId, { type: 'RecordPayment', ...body });
  }

  @Post('payment-promises')
  @HttpCode(201)
  @AllowCommand('RecordPaymentPromise')
  @CommandResponses('RecordPaymentPromise', {
    answer: { promiseId: { type: 'string', description: 'drawn by the service' } },
  })
  recordPromise(
    @Param('clientId') clientId: string,
    @Body() body: RecordPaymentPromiseDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    const promiseId = randomUUID();
    return this.commands.send(
      request,
      caller,
      clientId,
      {
        type: 'RecordPaymentPromise',
        promiseId,
        promisedOn: body.promisedOn,
        remind: body.remind,
        ...(body.amount !== undefined ? { amount: body.amount } : {}),
        ...(body.remindOn ? { remindOn: body.remindOn } : {}),
      },
      { promiseId },
    );
  }

  @Post('payment-promises/:promiseId/reminder-done')
  @HttpCode(201)
  @AllowCommand('MarkPaymentReminderDone')
  @CommandResponses('MarkPaymentReminderDone')
  reminderDone(
    @Param('clientId') clientId: string,
    @Param('promiseId') promiseId: string,
    @Body() body: CommentDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    return this.commands.send(request, caller, clientId, {
      type: 'MarkPaymentReminderDone',
      promiseId,
      ...(body.comment ? { comment: body.comment } : {}),
    });
  }

  @Post('payment-date-refusals')
  @HttpCode(201)
  @AllowCommand('RefusePaymentDate')
  @CommandResponses('RefusePaymentDate')
  refuseDate(
    @Param('clientId') clientId: string,
    @Body() body: CommentDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    return this.commands.send(request, caller, clientId, {
      type: 'RefusePaymentDate',
      ...(body.comment ? { comment: body.comment } : {}),
    });
  }

  /** A КПП hands the client to the ПМ by their own judgement (reason `manual`, with the handover sheet). */
  @Post('handovers')
  @HttpCode(201)
  @AllowCommand('HandOverToPM')
  @CommandResponses('HandOverToPM')
  handOver(
    @Param('clientId') clientId: string,
    @Body() body: CommentDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    return this.commands.send(request, caller, clientId, {
      type: 'HandOverToPM',
      ...(body.comment ? { comment: body.comment } : {}),
    });
  }

  /** A ПМ takes a client of the РИЦ as a threat. */
  @Post('threats')
  @HttpCode(201)
  @AllowCommand('TakeClientAsThreat')
  @CommandResponses('TakeClientAsThreat')
  takeAsThreat(
    @Param('clientId') clientId: string,
    @Body() body: CommentDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    return this.commands.send(request, caller, clientId, {
      type: 'TakeClientAsThreat',
      ...(body.comment ? { comment: body.comment } : {}),
    });
  }
}
