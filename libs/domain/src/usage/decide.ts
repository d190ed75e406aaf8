import type { CommandContext } from '../shared/roles';
import type { DecidedEvent } from '../shared/decided-event';
import type { RegisteredClient } from '../client/state';
import type { UsageCommand } from './commands';

/** A week's usage facts; the same import twice records them once. */
export function decideUsage(
  command: UsageCommand,
  client: RegisteredClient,
  context: CommandContext,
): DecidedEvent[] {
  const same = client.usage.find((u) => u.weekStart === command.observation.weekStart);
  if (same && sameFields(same, command.observation)) return [];
  return [{ type: 'UsageObserved', eventId: context.newEventId(), data: command.observation }];
}

/**
 * Equal field by field, whatever the order of the keys (stored JSON does not keep it), looking into
 * the nested facts (departments, service activity) rather than comparing them by reference.
 */
const sameFields = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b))
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameFields(x, b[i]))
    );
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) =>
    sameFields((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
};
