import { MigrationInterface, QueryRunner } from 'typeorm';

/** What auditors draw their sample from (connected calls) and the reviews they wrote. */
export class AuditCallsAndReviews1764355000000 implements MigrationInterface {
  name = 'AuditCallsAndReviews1764355000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE rm_audit_calls (
      ric text NOT NULL, client_id text NOT NULL, contact_id text NOT NULL,
      assignee_role text NOT NULL, assignee_id text NOT NULL, connected_at timestamptz NULL,
      PRIMARY KEY (ric, client_id, contact_id))`);
    await queryRunner.query(`CREATE INDEX rm_audit_calls_connected ON rm_audit_calls (ric, connected_at)`);
    await queryRunner.query(`CREATE TABLE rm_call_reviews (
      ric text NOT NULL, client_id text NOT NULL, review_id text NOT NULL, contact_id text NOT NULL,
      sheet text NOT NULL, scores jsonb NOT NULL, score numeric(5,1) NOT NULL, comment text NULL,
      employee_role text NOT NULL, employee_id text NOT NULL, connected_at timestamptz NOT NULL,
      reviewer_id text NOT NULL, reviewed_at timestamptz NOT NULL, position bigint NOT NULL,
      PRIMARY KEY (ric, client_id, review_id))`);
    await queryRunner.query(`CREATE INDEX rm_call_reviews_connected ON rm_call_reviews (ric, connected_at)`);
    // not a projection (never reset by a rebuild): the РИЦ's secret that keys its audit samples (ADR 0056)
    await queryRunner.query(`CREATE TABLE audit_sample_keys (
      ric text PRIMARY KEY, secret bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_sample_keys');
    await queryRunner.query('DROP TABLE rm_call_reviews');
    await queryRunner.query('DROP TABLE rm_audit_calls');
  }
}
