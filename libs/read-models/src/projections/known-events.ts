import { CLIENT_EVENT_TYPES } from '@ledger/domain';
import { RecordedEvent, schemaVersionOf, versionOf } from '@ledger/eventstore';

/**
 * Whether this build can project `event`: events outside client streams are not ours to judge; a
 * client event must be of a type the domain knows, at a schema version no newer than this build
 * writes. Anything else was written by a newer build (a rolling deploy): stop rather than pass it.
 */
export function isKnownClientEvent(event: RecordedEvent): boolean {
  if (!event.streamId.startsWith('client-')) return true;
  return CLIENT_EVENT_TYPES.has(event.type) && versionOf(event.metadata) <= schemaVersionOf(event.type);
}
