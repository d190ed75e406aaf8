import type { Pool } from 'pg';
import { newPersonKey } from './cipher';

/**
 * One key per contact person, outside the event log (pd_person_keys). Erasing a person deletes the
 * key and keeps a tombstone row, so a later read knows the data is gone rather than missing.
 */
export interface PersonKeyStore {
  /** The keys of these persons: a Buffer, or null once erased; absent when none was ever made. */
  keysOf(persons: readonly string[]): Promise<Map<string, Buffer | null>>;
  /** The person's key, made now if there is none; null when the person was erased. */
  keyFor(person: string): Promise<Buffer | null>;
  /** keyFor for many persons in two round trips (a batch of appends): made now where missing. */
  keysFor(persons: readonly string[]): Promise<Map<string, Buffer | null>>;
  erase(person: string): Promise<void>;
}

export class PostgresPersonKeyStore implements PersonKeyStore {
  constructor(private readonly pool: Pool) {}

  async migrate(): Promise<void> {
    await this.pool.query(`CREATE TABLE IF NOT EXISTS pd_person_keys (
      person text PRIMARY KEY, key bytea NULL, created_at timestamptz NOT NULL DEFAULT now(), erased_at timestamptz NULL)`);
  }

  async keysOf(persons: readonly string[]): Promise<Map<string, Buffer | null>> {
    if (persons.length === 0) return new Map();
    const { rows } = await this.pool.query<{ person: string; key: Buffer | null }>(
      'SELECT person, key FROM pd_person_keys WHERE person = ANY($1)',
      [[...new Set(persons)]],
    );
    return new Map(rows.map((r) => [r.person, r.key]));
  }

  async keyFor(person: string): Promise<Buffer | null> {
    await this.pool.query(
      'INSERT INTO pd_person_keys (person, key) VALUES ($1, $2) ON CONFLICT (person) DO NOTHING',
      [person, newPersonKey()],
    );
    return (await this.keysOf([person])).get(person) ?? null;
  }

  async keysFor(persons: readonly string[]): Promise<Map<string, Buffer | null>> {
    const unique = [...new Set(persons)];
    if (unique.length === 0) return new Map();
    await this.pool.query(
      `INSERT INTO pd_person_keys (person, key) SELECT * FROM unnest($1::text[], $2::bytea[])
       ON CONFLICT (person) DO NOTHING`,
      [unique, unique.map(() => newPersonKey())],
    );
    return this.keysOf(unique);
  }

  async erase(person: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO pd_person_keys (person, key, erased_at) VALUES ($1, NULL, now())
       ON CONFLICT (person) DO UPDATE SET key = NULL, erased_at = COALESCE(pd_person_keys.erased_at, now())`,
      [person],
    );
  }
}
