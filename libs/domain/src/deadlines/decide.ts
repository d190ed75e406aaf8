import type { CommandContext } from '../shared/roles';
import type { DecidedEvent } from '../shared/decided-event';
import { pathSafeId } from '../shared/ids';
import type { RegisteredClient } from '../client/state';
import type { DeadlinesCommand } from './commands';

/**
 * A deadline's time has come. Firing twice appends once (one no longer pending decides nothing),
 * and a deadline asked to fire before its due instant is ignored.
 */
export function decideDeadlines(
  command: DeadlinesCommand,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  const deadlineId = pathSafeId(command.deadlineId);
  const deadline = client.deadlines[deadlineId];
  if (!deadline) return [];
  if (context.now.getTime() < Date.parse(deadline.dueAt)) return [];
  const set = deadline.setEventId ? [deadline.setEventId] : [];
  return [
    {
      type: 'DeadlineFired',
      eventId: context.newEventId(),
      occurredAt: deadline.dueAt,
      data: {
        deadlineId,
        kind: deadline.kind,
        dueAt: deadline.dueAt,
        ...(deadline.promiseId ? { promiseId: deadline.promiseId } : {}),
      },
      rule: 'deadlines.due',
      evidence: set,
      ...(deadline.setEventId ? { causationId: deadline.setEventId } : {}),
    },
  ];
}
