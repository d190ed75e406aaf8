import { refuse } from '../shared/domain-error';
import type { CommandContext } from '../shared/roles';
import type { DecidedEvent } from '../shared/decided-event';
import { assertNever } from '../shared/unions';
import type { ClientState, RegisteredClient } from '../client/state';
import type { AddServicePoint, AssignClient, RegisterClient, RegistrationCommand } from './commands';

export function registerClient(
  command: RegisterClient,
  state: ClientState,
  context: CommandContext,
): DecidedEvent[] {
  if (state.status === 'registered') {
    refuse('client_already_registered', `client ${command.clientId} is already registered`);
  }
  const { type: _type, ...data } = command;
  return [{ type: 'ClientRegistered', eventId: context.newEventId(), data: { ...data, ric: context.ric } }];
}

function addServicePoint(
  command: AddServicePoint,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  if (command.servicePointId === 'main' || client.servicePoints[command.servicePointId]) {
    refuse('service_point_exists', `service point ${command.servicePointId} already exists`);
  }
  const { type: _type, ...data } = command;
  return [{ type: 'ServicePointAdded', eventId: context.newEventId(), data }];
}

/** Another КПП and/or ПМ; the same ones again change nothing. */
function assignClient(
  command: AssignClient,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  if (command.kppId === undefined && command.pmId === undefined) {
    refuse('assignment_empty', 'name a kppId, a pmId or both');
  }
  const kppId = command.kppId ?? client.kppId;
  const pmId = command.pmId ?? client.pmId;
  if (kppId === client.kppId && pmId === client.pmId) return [];
  return [
    {
      type: 'ClientAssigned',
      eventId: context.newEventId(),
      data: {
        kppId,
        pmId,
        previousKppId: client.kppId,
        previousPmId: client.pmId,
        ...(command.comment ? { comment: command.comment } : {}),
      },
    },
  ];
}

/** Registration's commands on a registered client (RegisterClient itself comes before any state). */
export function decideRegistration(
  command: Exclude<RegistrationCommand, RegisterClient>,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  switch (command.type) {
    case 'AddServicePoint':
      return addServicePoint(command, client, context);
    case 'AssignClient':
      return assignClient(command, client, context);
    default:
      return assertNever(command);
  }
}
