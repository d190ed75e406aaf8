import type { EntityManager } from 'typeorm';
import { selectRows } from './bulk';

/**
 * Folded client states this process wrote, by client and stream version, per database. A state is
 * a pure function of the stream up to its version, so a row found at the version a cached state was
 * folded to holds that very state: the cache only spares reading and parsing it again. A batch
 * rolled back leaves the row at an older version, which then misses (ADR 0070). Bounded: the
 * oldest entries go first.
 */
export class FoldedCache<T> {
  private readonly byDatabase = new WeakMap<object, Map<string, { version: number; value: T }>>();

  constructor(private readonly max = 20_000) {}

  private of(manager: EntityManager): Map<string, { version: number; value: T }> {
    let entries = this.byDatabase.get(manager.connection);
    if (!entries) this.byDatabase.set(manager.connection, (entries = new Map()));
    return entries;
  }

  get(manager: EntityManager, key: string, version: number): T | undefined {
    const entry = this.of(manager).get(key);
    return entry && entry.version === version ? entry.value : undefined;
  }

  set(manager: EntityManager, key: string, version: number, value: T): void {
    const entries = this.of(manager);
    entries.delete(key); // re-inserted last: the least recently written go first
    entries.set(key, { version, value });
    if (entries.size > this.max) entries.delete(entries.keys().next().value!);
  }
}

export interface Folded<T> {
  version: number;
  value: T;
}

/**
 * The stored folded values of the clients `keys` names (ric, client_id), by `ric\0client_id`: the
 * versions in one read, the values not in the cache in a second one.
 */
export async function loadFolded<T>(
  manager: EntityManager,
  cache: FoldedCache<T>,
  table: string,
  columns: string,
  keys: readonly { ric: string; client_id: string }[],
  valueOf: (row: Record<string, unknown>) => T,
): Promise<Map<string, Folded<T>>> {
  const loaded = new Map<string, Folded<T>>();
  const versions = await selectRows<{ ric: string; client_id: string; stream_version: number }>(
    manager,
    table,
    't.ric, t.client_id, t.stream_version',
    ['ric', 'client_id'],
    keys,
  );
  const misses: { ric: string; client_id: string }[] = [];
  for (const { ric, client_id, stream_version } of versions) {
    const key = `${ric}\u0000${client_id}`;
    const value = cache.get(manager, key, stream_version);
    if (value === undefined) misses.push({ ric, client_id });
    else loaded.set(key, { version: stream_version, value });
  }
  const rows = await selectRows<Record<string, unknown>>(
    manager,
    table,
    `t.ric, t.client_id, t.stream_version, ${columns}`,
    ['ric', 'client_id'],
    misses,
  );
  for (const row of rows)
    loaded.set(`${row.ric as string}\u0000${row.client_id as string}`, {
      version: row.stream_version as number,
      value: valueOf(row),
    });
  return loaded;
}
