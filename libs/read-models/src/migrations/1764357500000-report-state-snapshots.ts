import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * rm_report_clients keeps the folded client state as a snapshot (ADR 0070, third pass): `state` is
 * the state at stream version `state_at`, a multiple of the snapshot interval (or null and 0 before
 * the first), and the reports projection refolds the tail from the event store when its cache misses.
 * Rows written before keep their state, at the version they include.
 */
export class ReportStateSnapshots1764357500000 implements MigrationInterface {
  name = 'ReportStateSnapshots1764357500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // nullable like state: a row proposed by an upsert that keeps the stored snapshot carries null
    // in both (ON CONFLICT checks NOT NULL on the proposed row before it finds the stored one)
    await queryRunner.query(`ALTER TABLE rm_report_clients ADD COLUMN state_at integer DEFAULT 0`);
    await queryRunner.query(`UPDATE rm_report_clients SET state_at = stream_version`);
    await queryRunner.query(`ALTER TABLE rm_report_clients ALTER COLUMN state DROP NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // a state left out is not refolded here: the reports projection is to be rebuilt after this
    await queryRunner.query(`DELETE FROM rm_report_clients WHERE state IS NULL`);
    await queryRunner.query(`ALTER TABLE rm_report_clients ALTER COLUMN state SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE rm_report_clients DROP COLUMN state_at`);
  }
}
