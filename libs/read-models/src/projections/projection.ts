import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ledger/eventstore';

/**
 * A read model built from the global log. `apply` runs inside the transaction that also moves
 * the projection's checkpoint, so a batch is applied whole or not at all.
 */
export interface Projection {
  readonly name: string;
  apply(manager: EntityManager, events: readonly RecordedEvent[]): Promise<void>;
  /** Empties the projection's tables before a rebuild (inside the rebuild's transaction). */
  reset(manager: EntityManager): Promise<void>;
}
