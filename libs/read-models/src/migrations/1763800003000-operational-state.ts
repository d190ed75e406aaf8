import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operational state kept apart from what a rebuild rewrites: the scheduler's attempts, leases and
 * failures (rm_deadline_schedule), parked projections and their audit trail, and the version of
 * each projection's stored shape (ADR 0030–0033).
 */
export class OperationalState1763800003000 implements MigrationInterface {
  name = 'OperationalState1763800003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE rm_projection_checkpoints
        ADD COLUMN version integer NOT NULL DEFAULT 1,
        ADD COLUMN parked_position bigint,
        ADD COLUMN parked_stream text,
        ADD COLUMN parked_event_id text,
        ADD COLUMN parked_type text,
        ADD COLUMN parked_at timestamptz`);
    await queryRunner.query(`
      CREATE TABLE rm_projection_audit (
        id bigserial PRIMARY KEY,
        projection text NOT NULL,
        action text NOT NULL,
        position bigint,
        stream_id text,
        event_id text,
        event_type text,
        actor text NOT NULL,
        reason text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`ALTER TABLE rm_clients ADD COLUMN state_version integer NOT NULL DEFAULT 1`);
    // The position of the DeadlineSet a row stands for: a deadline set again is a new timer.
    await queryRunner.query(`ALTER TABLE rm_deadlines ADD COLUMN set_position bigint`);
    await queryRunner.query(`
      CREATE TABLE rm_deadline_schedule (
        ric text NOT NULL,
        client_id text NOT NULL,
        deadline_id text NOT NULL,
        set_position bigint,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        leased_until timestamptz,
        last_error text,
        failed_at timestamptz,
        fired_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ric, client_id, deadline_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX rm_deadline_schedule_failed ON rm_deadline_schedule (ric, failed_at) WHERE status = 'failed'`,
    );
    // What the scheduler used to write into the projection moves to its own table.
    await queryRunner.query(`
      INSERT INTO rm_deadline_schedule (ric, client_id, deadline_id, status, attempts, last_error, failed_at)
      SELECT ric, client_id, deadline_id, 'failed', attempts, last_error, now() FROM rm_deadlines WHERE status = 'failed'`);
    await queryRunner.query(`UPDATE rm_deadlines SET status = 'pending' WHERE status = 'failed'`);
    await queryRunner.query(`ALTER TABLE rm_deadlines DROP COLUMN attempts, DROP COLUMN last_error`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE rm_deadlines ADD COLUMN attempts integer NOT NULL DEFAULT 0, ADD COLUMN last_error text`,
    );
    await queryRunner.query('DROP TABLE rm_deadline_schedule');
    await queryRunner.query('ALTER TABLE rm_deadlines DROP COLUMN set_position');
    await queryRunner.query('ALTER TABLE rm_clients DROP COLUMN state_version');
    await queryRunner.query('DROP TABLE rm_projection_audit');
    await queryRunner.query(`
      ALTER TABLE rm_projection_checkpoints DROP COLUMN version, DROP COLUMN parked_position,
        DROP COLUMN parked_stream, DROP COLUMN parked_event_id, DROP COLUMN parked_type, DROP COLUMN parked_at`);
  }
}
