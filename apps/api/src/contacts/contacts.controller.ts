import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { ContactCodes, Role } from '@ledger/domain';
import { AllowRoles, Caller, CurrentCaller } from '../auth/auth';
import { ClientCommands } from '../http/client-commands';
import { invalidField } from '../http/errors';
import { CONTACT_CODES } from '../tokens';
import {
  CallAttemptDto,
  CloseContactDto,
  ContactPersonChangeDto,
  CompetitorDiagnosticsDto,
  ContactPersonDto,
  DecisionMakerStepDto,
  LeaveRemoteServiceDto,
  ServicePointDto,
  PlanContactDto,
  TransferStepDto,
} from './contacts.dto';

const TRANSFER: Role[] = ['ROS', 'ADMIN', 'KPP'];
const CONTACT_WORK: Role[] = ['KPP', 'PM', 'ROS'];

/** Transfer to remote service, contacts, call attempts and closing a contact (SPEC §3.1, §3.3). */
@ApiTags('contacts')
@ApiBearerAuth()
@Controller('clients/:clientId')
export class ContactsController {
  constructor(
    private readonly commands: ClientCommands,
    @Inject(CONTACT_CODES) private readonly codes: ContactCodes,
  ) {}

  /** ROS and ADMIN record every step; the client's КПП also the first remote call. */
  @Post('transfer-steps')
  @HttpCode(201)
  @AllowRoles(...TRANSFER)
  transferStep(
    @Param('clientId') clientId: string,
    @Body() body: TransferStepDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    return this.commands.send(request, caller, TRANSFER, clientId, {
      type: 'RecordTransferStep',
      step: body.step,
      ...(body.occurredAt ? { occurredAt: new Date(body.occurredAt).toISOString() } : {}),
    });
  }

  @Post('contacts')
  @HttpCode(201)
  @AllowRoles(...CONTACT_WORK)
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
      CONTACT_WORK,
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

  @Post('contacts/:contactId/attempts')
  @HttpCode(201)
  @AllowRoles(...CONTACT_WORK)
  attempt(
    @Param('clientId') clientId: string,
    @Param('contactId') contactId: string,
    @Body() body: CallAttemptDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    return this.commands.send(request, caller, CONTACT_WORK, clientId, {
      type: 'RecordCallAttempt',
      contactId,
      outcome: body.outcome,
      occurredAt: new Date(body.occurredAt).toISOString(),
      ...(body.durationSec !== undefined ? { durationSec: body.durationSec } : {}),
      ...(body.callbackInMinutes ? { callbackInMinutes: body.callbackInMinutes } : {}),
    });
  }

  @Post('contacts/:contactId/close')
  @HttpCode(201)
  @AllowRoles(...CONTACT_WORK)
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
    return this.commands.send(request, caller, CONTACT_WORK, clientId, {
      type: 'CloseContact',
      contactId,
      closingReason: body.closingReason,
      stages: body.stages ?? [],
      instrumentsUsed: body.instrumentsUsed ?? [],
    });
  }

  /** Контактные лица: roles, phones, e-mails, interests. A new key user raises a threat signal. */
  @Post('contact-persons')
  @HttpCode(201)
  @AllowRoles(...CONTACT_WORK)
  addPerson(
    @Param('clientId') clientId: string,
    @Body() body: ContactPersonDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    const contactPersonId = body.contactPersonId ?? randomUUID();
    return this.commands.send(
      request,
      caller,
      CONTACT_WORK,
      clientId,
      {
        type: 'AddContactPerson',
        contactPersonId,
        name: body.name,
        roles: body.roles,
        phones: body.phones ?? [],
        emails: body.emails ?? [],
        interests: body.interests ?? [],
        ...(body.position ? { position: body.position } : {}),
      },
      { contactPersonId },
    );
  }

  @Post('contact-persons/:contactPersonId')
  @HttpCode(201)
  @AllowRoles(...CONTACT_WORK)
  changePerson(
    @Param('clientId') clientId: string,
    @Param('contactPersonId') contactPersonId: string,
    @Body() body: ContactPersonChangeDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    const { contactPersonId: _ignored, ...changes } = body;
    return this.commands.send(request, caller, CONTACT_WORK, clientId, {
      type: 'ChangeContactPerson',
      contactPersonId,
      ...changes,
    });
  }

  /** The ПМ's monthly decision-maker contact, step by step. */
  @Post('decision-maker-contacts')
  @HttpCode(201)
  @AllowRoles('PM', 'ROS')
  decisionMaker(
    @Param('clientId') clientId: string,
    @Body() body: DecisionMakerStepDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    return this.commands.send(request, caller, ['PM', 'ROS'], clientId, {
      type: 'RecordDecisionMakerStep',
      step: body.step,
      ...(body.comment ? { comment: body.comment } : {}),
    });
  }

  @Post('competitor-diagnostics')
  @HttpCode(201)
  @AllowRoles('PM', 'ROS')
  competitors(
    @Param('clientId') clientId: string,
    @Body() body: CompetitorDiagnosticsDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    return this.commands.send(request, caller, ['PM', 'ROS'], clientId, {
      type: 'RecordCompetitorDiagnostics',
      competitor: body.competitor,
      competitors: body.competitors ?? [],
      ...(body.comment ? { comment: body.comment } : {}),
    });
  }

  /** The client leaves remote service: it stops, or returns to field service (ROS, ADMIN). */
  @Post('remote-service-exits')
  @HttpCode(201)
  @AllowRoles('ROS', 'ADMIN')
  leave(
    @Param('clientId') clientId: string,
    @Body() body: LeaveRemoteServiceDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    return this.commands.send(request, caller, ['ROS', 'ADMIN'], clientId, {
      type: 'LeaveRemoteService',
      to: body.to,
      reason: body.reason,
    });
  }

  /** A further service point (ТО) with its own contact cadence (ROS, ADMIN). */
  @Post('service-points')
  @HttpCode(201)
  @AllowRoles('ROS', 'ADMIN')
  addServicePoint(
    @Param('clientId') clientId: string,
    @Body() body: ServicePointDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    return this.commands.send(request, caller, ['ROS', 'ADMIN'], clientId, {
      type: 'AddServicePoint',
      servicePointId: body.servicePointId,
      name: body.name,
      contactCadence: body.contactCadence,
    });
  }
}
