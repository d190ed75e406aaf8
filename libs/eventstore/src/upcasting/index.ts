import type { RecordedEvent } from '../event-store';
import { CLIENT_UPCASTERS } from './client-upcasters';
import { UpcasterRegistry } from './registry';

export * from './registry';
export * from './client-upcasters';

/** The registry every adapter applies where it returns events. */
export const upcasters = new UpcasterRegistry(CLIENT_UPCASTERS);

export const upcast = <E extends RecordedEvent>(event: E): E => upcasters.upcast(event);

/** The schema version to stamp on a new event of `type`. */
export const schemaVersionOf = (type: string): number => upcasters.currentVersion(type);
