import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Request } from 'express';
import { ClientCommand, Role } from '@ledger/domain';
import { CommandAnswer, ExecuteClientCommand } from '@ledger/application';
import { Caller } from '../auth/auth';
import { envelopeFor } from './command-envelope';

/** What every command endpoint does: wrap the command with its caller and key, and put it on the bus. */
@Injectable()
export class ClientCommands {
  constructor(private readonly bus: CommandBus) {}

  send(
    request: Request,
    caller: Caller,
    allowed: readonly Role[],
    clientId: string,
    command: ClientCommand,
    answer?: Record<string, unknown>,
  ): Promise<CommandAnswer> {
    return this.bus.execute<ExecuteClientCommand, CommandAnswer>(
      new ExecuteClientCommand(envelopeFor(request, caller, allowed, clientId, command, answer)),
    );
  }
}
