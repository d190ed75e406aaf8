import { MigrationInterface, QueryRunner } from 'typeorm';
import { CLIENT_FIELDS_FROM_STATE, recreateAnalyticsViews } from '../analytics/analytics-views';

/**
 * rm_clients keeps the folded client state as a snapshot (ADR 0070, fifth pass): `state` is the
 * state at stream version `state_at` — a multiple of the snapshot interval or an erasure (or null
 * and 0 before the first) — and the clients projection refolds the tail from the event store when
 * its cache misses. What was read from `state` gets columns: the analytics views' monthly fee,
 * contact cadence and registration instant, and the receivables register's promises (only the three
 * figures it sums); the usage weeks a table, rm_client_usage_weeks, whose rows change only as weeks
 * come and go (a column rewritten whole at every batch grew with batches × clients like the state).
 * Rows written before keep their state, at the version they include.
 */
export class ClientStateSnapshots1764359100000 implements MigrationInterface {
  name = 'ClientStateSnapshots1764359100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // nullable: a row proposed by an upsert that keeps the stored value carries null (ON CONFLICT
    // checks NOT NULL on the proposed row before it finds the stored one)
    await queryRunner.query(
      `ALTER TABLE rm_clients ADD COLUMN state_at integer DEFAULT 0, ADD COLUMN monthly_fee numeric(14,2),
         ADD COLUMN contact_cadence text, ADD COLUMN registered_at timestamptz, ADD COLUMN promises jsonb`,
    );
    await queryRunner.query(
      `UPDATE rm_clients SET state_at = stream_version,
         monthly_fee = ${CLIENT_FIELDS_FROM_STATE.monthlyFee.replaceAll('c.', '')},
         contact_cadence = ${CLIENT_FIELDS_FROM_STATE.contactCadence.replaceAll('c.', '')},
         registered_at = ${CLIENT_FIELDS_FROM_STATE.registeredAt.replaceAll('c.', '')},
         promises = (SELECT COALESCE(jsonb_agg(jsonb_build_object('promisedOn', p->'promisedOn',
                       'target', p->'target', 'paidInTime', p->'paidInTime') ORDER BY i), '[]'::jsonb)
                       FROM jsonb_array_elements(state->'receivables'->'promises') WITH ORDINALITY AS x(p, i))`,
    );
    await queryRunner.query(`ALTER TABLE rm_clients ALTER COLUMN state DROP NOT NULL`);
    // the weekly CRM facts the state keeps (its latest 13 weeks), one row a week
    await queryRunner.query(
      `CREATE TABLE rm_client_usage_weeks (ric text NOT NULL, client_id text NOT NULL, week_start text NOT NULL,
         facts jsonb NOT NULL, PRIMARY KEY (ric, client_id, week_start))`,
    );
    await queryRunner.query(
      `INSERT INTO rm_client_usage_weeks (ric, client_id, week_start, facts)
       SELECT c.ric, c.client_id, u->>'weekStart', u FROM rm_clients c
        CROSS JOIN LATERAL jsonb_array_elements(COALESCE(c.state->'usage', '[]'::jsonb)) AS u`,
    );
    await recreateAnalyticsViews((sql) => queryRunner.query(sql));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await recreateAnalyticsViews((sql) => queryRunner.query(sql), CLIENT_FIELDS_FROM_STATE);
    await queryRunner.query(`DROP TABLE rm_client_usage_weeks`);
    // The build before reads `state` as the state at the row's stream version, which a snapshot is
    // not: its clients projection is marked as built by another version, so that build rebuilds it
    // before projecting on (checkpoints.ts isOutdated). Until then the rows still answer reads; a
    // row without a snapshot holds an empty state, never folded on.
    await queryRunner.query(`UPDATE rm_projection_checkpoints SET version = 0 WHERE name = 'clients'`);
    await queryRunner.query(`UPDATE rm_clients SET state = '{}'::jsonb WHERE state IS NULL`);
    await queryRunner.query(`ALTER TABLE rm_clients ALTER COLUMN state SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE rm_clients DROP COLUMN state_at, DROP COLUMN monthly_fee, DROP COLUMN contact_cadence,
         DROP COLUMN registered_at, DROP COLUMN promises`,
    );
  }
}
