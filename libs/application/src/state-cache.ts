import type { ClientState } from '@ledger/domain';

/** A client's state as folded up to a version of its stream, and that version's global position. */
export interface CachedState {
  state: ClientState;
  version: number;
  position: string;
}

/**
 * The last states this process decided on, most recently used last, so that a command reads only
 * the events after the version it holds. Safe because events never change: a state up to version n
 * stays true, and an append at n that another writer beat fails on its expected version, after which
 * the events behind are read and folded on. That is why a command may decide on a cached state
 * without reading the stream at all: the append at its version verifies it. Bounded: the least recently used entries leave first.
 */
export class StateCache {
  private readonly entries = new Map<string, CachedState>();

  constructor(private readonly limit: number) {}

  get(streamId: string): CachedState | undefined {
    const entry = this.entries.get(streamId);
    if (entry) {
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    }
    return entry;
  }

  set(streamId: string, entry: CachedState): void {
    if (this.limit <= 0) return;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Forgets a client's state (its stream was written around the cache). */
  delete(streamId: string): void {
    this.entries.delete(streamId);
  }

  get size(): number {
    return this.entries.size;
  }
}
