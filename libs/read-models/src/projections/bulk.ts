import type { EntityManager } from 'typeorm';

export type BulkRow = Record<string, unknown>;

/** A column of a bulk write: its name and the SQL type its JSON value is read as. */
export type BulkColumn = readonly [name: string, type: string];

// json, not jsonb: the server only checks a json parameter's syntax, where jsonb builds a tree of it
// first — a catch-up batch sends tens of MB, and parsing them as jsonb was a third of an upsert (ADR 0070)
const recordset = (columns: readonly BulkColumn[]) =>
  `json_to_recordset($1::json) AS x(${columns.map(([name, type]) => `${name} ${type}`).join(', ')})`;

/**
 * Many rows in one statement: the rows travel as one JSON array (a single parameter, however many
 * rows) and json_to_recordset turns them into a relation. A batch of thousands of events then
 * costs a handful of round trips instead of one per event or per client (ADR 0070).
 */
export async function upsertRows(
  manager: EntityManager,
  table: string,
  columns: readonly BulkColumn[],
  keys: readonly string[],
  rows: readonly BulkRow[],
  conflict: 'update' | 'nothing' = 'update',
  /** Columns a row may leave null to keep what the stored row holds (a snapshot between its points). */
  kept: readonly string[] = [],
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => name);
  const update = names
    .filter((name) => !keys.includes(name))
    .map((name) =>
      kept.includes(name)
        ? `${name} = COALESCE(EXCLUDED.${name}, ${table}.${name})`
        : `${name} = EXCLUDED.${name}`,
    )
    .join(', ');
  await manager.query(
    `INSERT INTO ${table} (${names.join(', ')}) SELECT ${names.join(', ')} FROM ${recordset(columns)}
     ON CONFLICT (${keys.join(', ')}) DO ${conflict === 'update' && update ? `UPDATE SET ${update}` : 'NOTHING'}`,
    [JSON.stringify(rows)],
  );
}

/** Deletes the rows of `table` whose `keys` match one of `rows` (text keys), in one statement. */
export async function deleteRows(
  manager: EntityManager,
  table: string,
  keys: readonly string[],
  rows: readonly BulkRow[],
  extraCondition = '',
): Promise<void> {
  if (rows.length === 0) return;
  const columns = keys.map((key) => [key, 'text'] as const);
  await manager.query(
    `DELETE FROM ${table} t USING ${recordset(columns)}
     WHERE ${keys.map((key) => `t.${key} = x.${key}`).join(' AND ')}${extraCondition ? ` AND ${extraCondition}` : ''}`,
    [JSON.stringify(rows)],
  );
}

/** Loads the rows of `table` whose `keys` match one of `rows` (text keys), in one statement. */
export function selectRows<T>(
  manager: EntityManager,
  table: string,
  select: string,
  keys: readonly string[],
  rows: readonly BulkRow[],
): Promise<T[]> {
  if (rows.length === 0) return Promise.resolve([]);
  const columns = keys.map((key) => [key, 'text'] as const);
  return manager.query(
    `SELECT ${select} FROM ${table} t JOIN ${recordset(columns)}
       ON ${keys.map((key) => `t.${key} = x.${key}`).join(' AND ')}`,
    [JSON.stringify(rows)],
  );
}
