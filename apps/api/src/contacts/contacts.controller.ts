import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ContactCodes } from '@ledger/domain';
import { Caller, CurrentCaller } from '../auth/auth';
import { AllowCommand, ClientCommands } from '../http/client-commands';
import { CommandResponses } from '../http/openapi-responses';
import { invalidField } from '../http/errors';
import { CONTACT_CODES } from '../tokens';
import { CallAttemptDto, CloseContactDto, PlanContactDto } from './contacts.dto';

/** Contacts, call attempts with callbacks, and closing a contact (SPEC §3.3). */
@ApiTags('contacts')
@ApiBearerAuth()
@Controller('clients/:clientId/contacts')
export class ContactsController {
  constructor(
    private readonly commands: ClientCommands,
    @Inject(CONTACT_CODES) private readonly codes: ContactCodes,
  ) {}

  @Post()
  @HttpCode(201)
  @AllowCommand('PlanContact')
  @CommandResponses('PlanContact', {
    answer: { contactId: { type: 'string', description: 'drawn by the service' } },
  })
  planContact(
    @Param('clientId') clientId: string,
    @Body() body: PlanContactDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    const allowed = body.kind === 'planned' ? this.codes.planned : this.codes.unplanned;
    if (!allowed.includes(body.reason))
      throw invalidField('reason', `reason of a ${body.kind} contact must be one of ${allowed.join(', ')}`);
    const contactId = randomUUID();
    return this.commands.send(
      request,
      caller,
      clientId,
      {
        type: 'PlanContact',
        contactId,
        kind: body.kind,
        reason: body.reason,
        plannedAt: new Date(body.plannedAt).toISOString(),
        ...(body.contactPersonId ? { contactPersonId: body.contactPersonId } : {}),
        ...(body.infoOccasion ? { infoOccasion: body.infoOccasion } : {}),
        ...(body.instrumentsPlanned ? { instrumentsPlanned: body.instrumentsPlanned } : {}),
      },
      { contactId },
    );
  }

  @Post(':contactId/attempts')
  @HttpCode(201)
  @AllowCommand('RecordCallAttempt')
  @CommandResponses('RecordCallAttempt')
  attempt(
    @Param('clientId') clientId: string,
    @Param('contactId') contactId: string,
    @Body() body: CallAttemptDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    return this.commands.send(request, caller, clientId, {
      type: 'RecordCallAttempt',
      contactId,
      outcome: body.outcome,
      occurredAt: new Date(body.occurredAt).toISOString(),
      ...(body.durationSec !== undefined ? { durationSec: body.durationSec } : {}),
      ...(body.callbackInMinutes ? { callbackInMinutes: body.callbackInMinutes } : {}),
    });
  }

  @Post(':contactId/close')
  @HttpCode(201)
  @AllowCommand('CloseContact')
  @CommandResponses('CloseContact')
  close(
    @Param('clientId') clientId: string,
    @Param('contactId') contactId: string,
    @Body() body: CloseContactDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    if (!this.codes.closing.includes(body.closingReason)) {
      throw invalidField('closingReason', `closingReason must be one of ${this.codes.closing.join(', ')}`);
    }
    return this.commands.send(request, caller, clientId, {
      type: 'CloseContact',
      contactId,
      closingReason: body.closingReason,
      stages: body.stages ?? [],
      instrumentsUsed: body.instrumentsUsed ?? [],
    });
  }
}
