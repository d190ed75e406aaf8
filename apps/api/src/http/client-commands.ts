import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Request } from 'express';
import { ClientCommand, ClientCommandType, rolesFor } from '@ledger/domain';
import { ClientCommandEnvelope, CommandAnswer, ExecuteClientCommand } from '@ledger/application';
import { AllowRoles, Caller } from '../auth/auth';
import { envelopeFor } from './command-envelope';

/** The roles the domain's access policy admits for a command (libs/domain/src/client/access.ts). */
export const AllowCommand = (type: ClientCommandType) => AllowRoles(...rolesFor(type));

/** What every command endpoint does: wrap the command with its caller and key, and put it on the bus. */
@Injectable()
export class ClientCommands {
  constructor(private readonly bus: CommandBus) {}

  /** The answer as API.md gives it: streamVersion, position and the command's own fields. */
  async send(...args: Parameters<ClientCommands['sendCounting']>): Promise<CommandAnswer> {
    const { appended: _appended, ...answer } = await this.sendCounting(...args);
    return answer as CommandAnswer;
  }

  /** The answer and how many events the command appended (0 when it changed nothing). */
  sendCounting(
    request: Request,
    caller: Caller,
    clientId: string,
    command: ClientCommand,
    answer?: Record<string, unknown>,
    /** For one of several commands of one request: keeps their Idempotency-Keys apart. */
    part?: number,
  ): Promise<CommandAnswer> {
    const envelope = envelopeFor(request, caller, rolesFor(command.type), clientId, command, answer);
    if (envelope.idempotency && part !== undefined)
      envelope.idempotency.key = `${envelope.idempotency.key}#${part}`;
    return this.bus.execute<ExecuteClientCommand, CommandAnswer>(new ExecuteClientCommand(envelope));
  }

  /**
   * Envelopes of many commands of one request (an import): the caller, correlation and request hash
   * are worked out once, not once per command over the whole body; part `i` keeps its
   * Idempotency-Key apart.
   */
  envelopesFor(
    request: Request,
    caller: Caller,
    type: ClientCommandType,
  ): (clientId: string, command: ClientCommand, part: number) => ClientCommandEnvelope {
    let base: ClientCommandEnvelope | undefined;
    return (clientId, command, part) => {
      base ??= envelopeFor(request, caller, rolesFor(type), clientId, command);
      return {
        ...base,
        clientId,
        command,
        ...(base.idempotency
          ? { idempotency: { ...base.idempotency, key: `${base.idempotency.key}#${part}` } }
          : {}),
      };
    };
  }
}
