import type { EntityManager } from 'typeorm';

export type Row = Record<string, unknown>;

/**
 * Rows of one table collected over a batch and written with a few multi-row upserts: a year of a
 * РИЦ's history is a million events, and a statement per event would make a rebuild take hours.
 * `merge`: a column left null keeps what the table holds (a work's end arrives after its start);
 * `replace`: the row is the whole truth (a corrected week replaces the week).
 */
export class RowBuffer {
  private readonly rows = new Map<string, Row>();

  constructor(
    readonly table: string,
    readonly keys: readonly string[],
    readonly columns: readonly string[],
    readonly mode: 'merge' | 'replace',
  ) {}

  put(row: Row): void {
    const id = this.keys.map((k) => String(row[k])).join('\u0000');
    const before = this.rows.get(id);
    if (!before || this.mode === 'replace') {
      this.rows.set(id, { ...before, ...row });
      return;
    }
    const merged = { ...before };
    for (const [column, value] of Object.entries(row))
      if (value !== undefined && value !== null) merged[column] = value;
    this.rows.set(id, merged);
  }

  async flush(manager: EntityManager): Promise<void> {
    const all = [...this.rows.values()];
    this.rows.clear();
    const columns = [...this.keys, ...this.columns];
    const chunk = Math.max(1, Math.floor(30_000 / columns.length));
    for (let start = 0; start < all.length; start += chunk) {
      const rows = all.slice(start, start + chunk);
      const params: unknown[] = [];
      const values = rows.map(
        (row) =>
          `(${columns
            .map((c) => {
              params.push(row[c] ?? null);
              return `$${params.length}`;
            })
            .join(', ')})`,
      );
      const update = this.columns
        .map((c) =>
          this.mode === 'merge'
            ? `${c} = COALESCE(EXCLUDED.${c}, ${this.table}.${c})`
            : `${c} = EXCLUDED.${c}`,
        )
        .join(', ');
      await manager.query(
        `INSERT INTO ${this.table} (${columns.join(', ')}) VALUES ${values.join(', ')}
         ON CONFLICT (${this.keys.join(', ')}) DO ${update ? `UPDATE SET ${update}` : 'NOTHING'}`,
        params,
      );
    }
  }
}
