import type { EntityManager } from 'typeorm';
import type { EventStore, RecordedEvent } from '@ledger/eventstore';

/**
 * What a projection may read besides its own tables: the event store the batch came from, to refold
 * a state kept as a snapshot (ADR 0070). The runner always gives it; a caller applying events by
 * hand may not, and the projection then keeps whatever it needs in its tables.
 */
export interface ProjectionContext {
  readonly store: Pick<EventStore, 'readStream' | 'readStreams'>;
}

/**
 * A read model built from the global log. `apply` runs inside the transaction that also moves
 * the projection's checkpoint, so a batch is applied whole or not at all.
 *
 * `apply` names its tables unqualified: a rebuild runs it with a shadow schema first on the
 * search_path, so the same code fills the shadow copies of `tables` (ADR 0031).
 */
export interface Projection {
  readonly name: string;
  /** The tables `apply` writes (in the public schema); a rebuild builds copies of them aside and swaps. */
  readonly tables: readonly string[];
  /** The shape of the stored rows; a checkpoint written at another version rebuilds the projection. */
  readonly version?: number;
  /** False for an event this build cannot handle (an unknown type or a newer schema): the projection parks. */
  accepts?(event: RecordedEvent): boolean;
  apply(manager: EntityManager, events: readonly RecordedEvent[], context?: ProjectionContext): Promise<void>;
  /** Empties the projection's tables. */
  reset(manager: EntityManager): Promise<void>;
}
