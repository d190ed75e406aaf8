import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClientCommandService } from './client-command.service';
import { CommandAnswer, ExecuteClientCommand } from './client-command';

@CommandHandler(ExecuteClientCommand)
export class ExecuteClientCommandHandler implements ICommandHandler<ExecuteClientCommand, CommandAnswer> {
  constructor(@Inject(ClientCommandService) private readonly service: ClientCommandService) {}

  execute(command: ExecuteClientCommand): Promise<CommandAnswer> {
    return this.service.execute(command.envelope);
  }
}
