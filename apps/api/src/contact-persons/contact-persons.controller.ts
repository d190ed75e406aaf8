import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Caller, CurrentCaller } from '../auth/auth';
import { AllowCommand, ClientCommands } from '../http/client-commands';
import { CommandResponses } from '../http/openapi-responses';
import { ContactPersonChangeDto, ContactPersonDto, ErasureDto } from './contact-persons.dto';

/** Контактные лица: roles, phones, e-mails, interests. A new key user raises a threat signal. */
@ApiTags('contact-persons')
@ApiBearerAuth()
@Controller('clients/:clientId/contact-persons')
export class ContactPersonsController {
  constructor(private readonly commands: ClientCommands) {}

  @Post()
  @HttpCode(201)
  @AllowCommand('AddContactPerson')
  @CommandResponses('AddContactPerson', {
    answer: { contactPersonId: { type: 'string', description: 'the one given, or drawn by the service' } },
  })
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
        ...(body.subscribedToNewsletter !== undefined
          ? { subscribedToNewsletter: body.subscribedToNewsletter }
          : {}),
      },
      { contactPersonId },
    );
  }

  @Post(':contactPersonId')
  @HttpCode(201)
  @AllowCommand('ChangeContactPerson')
  @CommandResponses('ChangeContactPerson')
  changePerson(
    @Param('clientId') clientId: string,
    @Param('contactPersonId') contactPersonId: string,
    @Body() body: ContactPersonChangeDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    const { contactPersonId: _ignored, ...changes } = body;
    return this.commands.send(request, caller, clientId, {
      type: 'ChangeContactPerson',
      contactPersonId,
      ...changes,
    });
  }

  /**
   * Erases the person's personal data on their request (152-ФЗ, ADMIN): their key is deleted, and
   * history, state, read models and reports show them as erased from then on (ADR 0058).
   */
  @Post(':contactPersonId/erasure')
  @HttpCode(201)
  @AllowCommand('EraseContactPerson')
  @CommandResponses('EraseContactPerson')
  erase(
    @Param('clientId') clientId: string,
    @Param('contactPersonId') contactPersonId: string,
    @Body() body: ErasureDto,
    @CurrentCaller() caller: Caller,
    @Req() request: Request,
  ) {
    return this.commands.send(request, caller, clientId, {
      type: 'EraseContactPerson',
      contactPersonId,
      reason: body.reason,
    });
  }
}
