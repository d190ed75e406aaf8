import { Pool } from 'pg';
import { PostgresEventStore } from '@ledger/eventstore';
import { eventStoreContract, testEvent } from '@ledger/eventstore/testing';
import { TestDatabase, createTestDatabase } from '@ledger/test-support';
import { PostgresPersonKeyStore } from './key-store';
import { PersonalDataStore } from './personal-data-store';

/** The sealing wrapper keeps every promise of the event store port, and seals what it must. */
describe('PersonalDataStore over PostgreSQL (contract)', () => {
  let db: TestDatabase;
  let pool: Pool;
  let keys: PostgresPersonKeyStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = db.pool({ max: 12 });
    await new PostgresEventStore(pool).migrate();
    keys = new PostgresPersonKeyStore(pool);
    await keys.migrate();
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  eventStoreContract(async () => {
    await pool.query('TRUNCATE es_events, es_idempotency, pd_person_keys');
    return new PersonalDataStore(new PostgresEventStore(pool), keys);
  });

  it('stores a contact person sealed and reads it back, on a stream and in the global log', async () => {
    await pool.query('TRUNCATE es_events, es_idempotency, pd_person_keys');
    const store = new PersonalDataStore(new PostgresEventStore(pool), keys);
    const person = {
      contactPersonId: 'p1',
      name: 'Петракова Светлана Викторовна',
      roles: ['payer'],
      phones: ['7(911)362-16-89'],
    };
    await store.append('client-444-c', [testEvent('ContactPersonAdded', person)], {
      expectedVersion: 'no_stream',
    });
    const { rows } = await pool.query<{ data: string }>('SELECT data::text AS data FROM es_events');
    expect(rows[0]!.data).not.toMatch(/Петракова|362-16-89/);
    expect((await store.readStream('client-444-c'))[0]!.data).toEqual(person);
    // the gap-free log shows a commit once every older transaction on the server has ended (other
    // test files share the server): wait for it, as a projector does
    let first = (await store.readAll(null, 10)).events[0];
    for (let tries = 0; !first && tries < 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      first = (await store.readAll(null, 10)).events[0];
    }
    expect(first!.data).toEqual(person);
  });

  it('seals a batch of appends with one key per person, made once, and keeps an erased person erased', async () => {
    await pool.query('TRUNCATE es_events, es_idempotency, pd_person_keys');
    const store = new PersonalDataStore(new PostgresEventStore(pool), keys);
    const person = (id: string, name: string) => ({
      contactPersonId: id,
      name,
      roles: ['payer'],
      phones: [],
    });
    // p2 of stream b was erased before: its key is gone, and the batch must not make a new one
    await keys.keyFor('client-444-b/p2');
    await keys.erase('client-444-b/p2');
    const results = await store.appendMany!([
      {
        streamId: 'client-444-a',
        events: [
          testEvent('ContactPersonAdded', person('p1', 'Иванова Анна')),
          testEvent('ContactPersonAdded', person('p2', 'Петров Пётр')),
        ],
        expectedVersion: 'no_stream',
      },
      {
        streamId: 'client-444-b',
        events: [testEvent('ContactPersonAdded', person('p2', 'Сидоров Олег')), testEvent('Other', { n: 1 })],
        expectedVersion: 'no_stream',
      },
    ]);
    expect(results.every((r) => r !== 'conflict')).toBe(true);
    const { rows } = await pool.query<{ person: string; has_key: boolean }>(
      'SELECT person, key IS NOT NULL AS has_key FROM pd_person_keys ORDER BY person',
    );
    expect(rows).toEqual([
      { person: 'client-444-a/p1', has_key: true },
      { person: 'client-444-a/p2', has_key: true },
      { person: 'client-444-b/p2', has_key: false },
    ]);
    const { rows: stored } = await pool.query<{ data: string }>('SELECT data::text AS data FROM es_events');
    expect(stored.map((r) => r.data).join()).not.toMatch(/Иванова|Петров|Сидоров/);
    expect((await store.readStream('client-444-a')).map((e) => e.data)).toEqual([
      person('p1', 'Иванова Анна'),
      person('p2', 'Петров Пётр'),
    ]);
    const b = await store.readStream('client-444-b');
    expect(JSON.stringify(b[0]!.data)).not.toMatch(/Сидоров/);
    expect(b[1]!.data).toEqual({ n: 1 });
  });
});
