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
    /** Columns that keep what the table holds when a row puts null, whatever the mode. */
    readonly kept: readonly string[] = [],
  ) {}

  put(row: Row): void {
    // by hand, not map/join nor a copy of a first row: put runs for every row of a catch-up (ADR 0070)
    let id = String(row[this.keys[0]!]);
    for (let k = 1; k < this.keys.length; k++) id += `\u0000${String(row[this.keys[k]!])}`;
    const before = this.rows.get(id);
    if (!before) {
      this.rows.set(id, { ...row }); // the caller's object is not kept: it may change it
      return;
    }
    if (this.mode === 'replace') {
      this.rows.set(id, Object.assign(before, row));
      return;
    }
    const merged = { ...before };
    for (const [column, value] of Object.entries(row))
      if (value !== undefined && value !== null) merged[column] = value;
    this.rows.set(id, merged);
  }

  /**
   * One statement per table, the rows as one json parameter typed by the table's own row type
   * (json_populate_recordset): a statement of 30,000 bound parameters cost the server more to parse
   * and plan than the rows cost to write (ADR 0070). A json or jsonb column takes the value as put
   * (an object, not its JSON text).
   */
  async flush(manager: EntityManager): Promise<void> {
    if (this.rows.size === 0) return;
    const all = [...this.rows.values()];
    this.rows.clear();
    const columns = [...this.keys, ...this.columns];
    const update = this.columns
      .map((c) =>
        this.mode === 'merge' || this.kept.includes(c)
          ? `${c} = COALESCE(EXCLUDED.${c}, ${this.table}.${c})`
          : `${c} = EXCLUDED.${c}`,
      )
      .join(', ');
    await manager.query(
      `INSERT INTO ${this.table} (${columns.join(', ')})
       SELECT ${columns.join(', ')} FROM json_populate_recordset(NULL::${this.table}, $1::json)
       ON CONFLICT (${this.keys.join(', ')}) DO ${update ? `UPDATE SET ${update}` : 'NOTHING'}`,
      [JSON.stringify(all)],
    );
  }
}
