import { CommandContext } from '../shared/roles';
import { refuse } from '../shared/domain-error';
import { ClientCommand, RegisterClient } from './client-commands';
import { DecidedEvent } from './client-events';
import { ClientState, RegisteredClient } from './client-state';

/** decide(command, state) → events, or a DomainError. Pure: time and actor come in `context`. */
export function decide(command: ClientCommand, state: ClientState, context: CommandContext): DecidedEvent[] {
  switch (command.type) {
    case 'RegisterClient':
      return registerClient(command, state, context);
  }
}

function registerClient(
  command: RegisterClient,
  state: ClientState,
  context: CommandContext,
): DecidedEvent[] {
  if (state.status === 'registered') {
    refuse('client_already_registered', `client ${command.clientId} is already registered`);
  }
  const { type: _type, ...data } = command;
  return [{ type: 'ClientRegistered', data: { ...data, ric: context.ric } }];
}

/** For commands on an existing client: the registered state, or 404. */
export function requireRegistered(state: ClientState, clientId: string): RegisteredClient {
  if (state.status !== 'registered')
    return refuse('client_not_found', `client ${clientId} not found`, 'not_found');
  return state;
}
