import { PostgresEventStore } from '@ledger/eventstore';
import { sealStoredPersonalData } from '@ledger/platform';
import { TestLedger, clientBody, startTestLedger } from '@ledger/test-support';

const NAME = 'Иванова Мария Петровна';
const PHONE = '+7 (978) 123-45-67';
const EMAIL = 'm.ivanova@example.ru';

/** 152-ФЗ: a contact person's data erased on request, unrecoverable from the database (ADR 0058). */
describe('contact persons: crypto-shredding and erasure', () => {
  let ledger: TestLedger;
  const ros = () => ledger.auth('ros-1', 'ROS');
  const admin = () => ledger.auth('admin-1', 'ADMIN');
  const kpp = () => ledger.auth('kpp-1', 'KPP');

  /** Every row of every table of the database as text (what a dump would hold). */
  const dump = async (): Promise<string> => {
    const { rows: tables } = await ledger.runtime.pool.query<{ s: string; t: string }>(
      `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    expect(tables.map((t) => t.t)).toEqual(
      expect.arrayContaining(['es_events', 'rm_clients', 'pd_person_keys']),
    );
    const parts: string[] = [];
    for (const { s, t } of tables) {
      const { rows } = await ledger.runtime.pool.query<{ row: string }>(
        `SELECT x::text AS row FROM "${s}"."${t}" x`,
      );
      parts.push(...rows.map((r) => r.row));
    }
    return parts.join('\n');
  };
  const rawEvents = async () =>
    (await ledger.runtime.pool.query<{ data: string }>('SELECT data::text AS data FROM es_events')).rows
      .map((r) => r.data)
      .join('\n');
  const history = async (clientId: string) =>
    (await ledger.http().get(`/api/v1/clients/${clientId}/history`).set(ros()).expect(200)).body
      .events as Array<{
      type: string;
      data: Record<string, unknown>;
    }>;

  beforeAll(async () => {
    ledger = await startTestLedger();
    await ledger.http().post('/api/v1/clients').set(ros()).send(clientBody('c-1')).expect(201);
    await ledger
      .http()
      .post('/api/v1/clients/c-1/contact-persons')
      .set(kpp())
      .send({ contactPersonId: 'ivanova', name: NAME, roles: ['key_user'], phones: [PHONE], emails: [EMAIL] })
      .expect(201);
    await ledger
      .http()
      .post('/api/v1/clients/c-1/contact-persons')
      .set(kpp())
      .send({
        contactPersonId: 'petrov',
        name: 'Петров Пётр',
        roles: ['payer'],
        phones: ['+7 900 000-00-01'],
      })
      .expect(201);
    const handover = await ledger
      .http()
      .post('/api/v1/clients/c-1/handovers')
      .set(kpp())
      .send({ comment: 'клиент недоволен' })
      .expect(201);
    // the read models have caught up
    await ledger
      .http()
      .get(`/api/v1/clients/c-1?minPosition=${handover.body.position}`)
      .set(ros())
      .expect(200);
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('keeps personal fields sealed in the log while every reader sees them', async () => {
    // the read model holds what readers see (so the scan below does find data where there is some)
    expect(await dump()).toContain(NAME);
    const raw = await rawEvents();
    expect(raw).not.toContain('Иванова');
    expect(raw).not.toContain('123-45-67');
    expect(raw).not.toContain(EMAIL);
    const events = await history('c-1');
    expect(events.find((e) => e.type === 'ContactPersonAdded')!.data).toMatchObject({
      contactPersonId: 'ivanova',
      name: NAME,
      phones: [PHONE],
      emails: [EMAIL],
      roles: ['key_user'],
    });
    const sheet = events.find((e) => e.type === 'HandedOverToPM')!.data.sheet as { contacts: unknown[] };
    expect(sheet.contacts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ contactPersonId: 'ivanova', name: NAME, phones: [PHONE] }),
      ]),
    );
  });

  it('lets only ADMIN erase, with a reason, and only a person of the client of its own РИЦ', async () => {
    await ledger
      .http()
      .post('/api/v1/clients/c-1/contact-persons/ivanova/erasure')
      .set(kpp())
      .send({ reason: 'x' })
      .expect(403);
    await ledger
      .http()
      .post('/api/v1/clients/c-1/contact-persons/ivanova/erasure')
      .set(ros())
      .send({ reason: 'x' })
      .expect(403);
    const bad = await ledger
      .http()
      .post('/api/v1/clients/c-1/contact-persons/ivanova/erasure')
      .set(admin())
      .send({})
      .expect(400);
    expect(bad.body.details[0].field).toBe('reason');
    await ledger
      .http()
      .post('/api/v1/clients/c-1/contact-persons/nobody/erasure')
      .set(admin())
      .send({ reason: 'x' })
      .expect(404);
    await ledger
      .http()
      .post('/api/v1/clients/c-1/contact-persons/ivanova/erasure')
      .set(ledger.auth('admin-9', 'ADMIN', '555'))
      .send({ reason: 'x' })
      .expect(404);
  });

  it('erases: history, state, read models show the person as erased, and nothing of them is left in the database', async () => {
    const before = new Date().toISOString();
    const done = await ledger
      .http()
      .post('/api/v1/clients/c-1/contact-persons/ivanova/erasure')
      .set(admin())
      .send({ reason: 'заявление от 20.03.2026' })
      .expect(201);
    // the read models have caught up with the erasure
    await ledger.http().get(`/api/v1/clients/c-1?minPosition=${done.body.position}`).set(ros()).expect(200);
    const events = await history('c-1');
    expect(
      events.find((e) => e.type === 'ContactPersonAdded' && e.data.contactPersonId === 'ivanova')!.data,
    ).toEqual({
      contactPersonId: 'ivanova',
      roles: ['key_user'],
      name: 'удалено по 152-ФЗ',
      phones: [],
      emails: [],
      interests: [],
      erased: true,
    });
    const sheet = events.find((e) => e.type === 'HandedOverToPM')!.data.sheet as { contacts: unknown[] };
    expect(sheet.contacts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          contactPersonId: 'ivanova',
          name: 'удалено по 152-ФЗ',
          phones: [],
          erased: true,
        }),
        expect.objectContaining({ contactPersonId: 'petrov', name: 'Петров Пётр' }),
      ]),
    );
    expect(events.find((e) => e.type === 'ContactPersonErased')!.data).toEqual({
      contactPersonId: 'ivanova',
      reason: 'заявление от 20.03.2026',
    });
    // replaying to an instant before the erasure still works, and shows the person erased
    const past = await ledger
      .http()
      .get(`/api/v1/clients/c-1/state?at=${encodeURIComponent(before)}`)
      .set(ros())
      .expect(200);
    expect(past.body.workflows.responsibility.state).toBe('pm');
    const all = await dump();
    for (const trace of ['Иванова', 'Мария Петровна', '123-45-67', '9781234567', EMAIL])
      expect(all).not.toContain(trace);
    expect(all).toContain('Петров Пётр'); // the read model still holds the other person, as it should
  });

  it('rebuilds the read models after an erasure to the same erased state', async () => {
    for (const name of ['clients', 'deadlines', 'reviews'])
      await ledger.http().post(`/api/v1/admin/projections/${name}/rebuild`).set(admin()).expect(201);
    const all = await dump();
    for (const trace of ['Иванова', '123-45-67', EMAIL]) expect(all).not.toContain(trace);
    const { rows } = await ledger.runtime.pool.query<{
      state: { contactPersons: Record<string, { name: string }> };
    }>(`SELECT state FROM rm_clients WHERE client_id = 'c-1'`);
    expect(rows[0]!.state.contactPersons.ivanova!.name).toBe('удалено по 152-ФЗ');
  });

  it('refuses to change or erase an erased person again', async () => {
    const change = await ledger
      .http()
      .post('/api/v1/clients/c-1/contact-persons/ivanova')
      .set(kpp())
      .send({ phones: ['+7 900 111-11-11'] })
      .expect(409);
    expect(change.body.rule).toBe('contact_person_erased');
    const again = await ledger
      .http()
      .post('/api/v1/clients/c-1/contact-persons/ivanova/erasure')
      .set(admin())
      .send({ reason: 'повторно' })
      .expect(409);
    expect(again.body.rule).toBe('contact_person_erased');
  });

  it('seals events written in plain before this change, once', async () => {
    await ledger.http().post('/api/v1/clients').set(ros()).send(clientBody('c-old')).expect(201);
    // an event as the service wrote it before: straight to the store, in plain
    const plain = new PostgresEventStore(ledger.runtime.pool, false);
    await plain.append(
      'client-444-c-old',
      [
        {
          type: 'ContactPersonAdded',
          data: {
            contactPersonId: 'sidorova',
            name: 'Сидорова Анна',
            roles: ['payer'],
            phones: ['+7 911 555-44-33'],
            emails: [],
            interests: [],
          },
          metadata: {
            eventId: '0b7d3c3e-8a43-4c33-9e55-5d1f4d5b0a01',
            ric: '444',
            actor: { id: 'kpp-1', role: 'KPP' },
            occurredAt: new Date().toISOString(),
            recordedAt: new Date().toISOString(),
            correlationId: 'old',
            causationId: 'old',
            schemaVersion: 1,
          },
        },
      ],
      { expectedVersion: 1 },
    );
    expect(await rawEvents()).toContain('Сидорова');
    await ledger.runtime.pool.query(`DELETE FROM pd_state WHERE name = 'es_events_sealed'`);
    expect(await sealStoredPersonalData(ledger.runtime.pool, ledger.runtime.store as never)).toBe(1);
    expect(await sealStoredPersonalData(ledger.runtime.pool, ledger.runtime.store as never)).toBe(0);
    const raw = await rawEvents();
    expect(raw).not.toContain('Сидорова');
    expect(raw).not.toContain('555-44-33');
    const events = await history('c-old');
    expect(events[1]!.data).toMatchObject({ name: 'Сидорова Анна', phones: ['+7 911 555-44-33'] });
  });
});
