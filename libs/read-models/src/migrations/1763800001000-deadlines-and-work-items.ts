import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeadlinesAndWorkItems1763800001000 implements MigrationInterface {
  name = 'DeadlinesAndWorkItems1763800001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rm_deadlines (
        ric text NOT NULL,
        client_id text NOT NULL,
        deadline_id text NOT NULL,
        kind text NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        PRIMARY KEY (ric, client_id, deadline_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX rm_deadlines_due ON rm_deadlines (due_at) WHERE status = 'pending'`,
    );
    await queryRunner.query(`
      CREATE TABLE rm_work_items (
        ric text NOT NULL,
        client_id text NOT NULL,
        item_id text NOT NULL,
        kind text NOT NULL,
        reason text,
        due_at timestamptz NOT NULL,
        available_from timestamptz NOT NULL,
        assignee_role text NOT NULL,
        assignee_id text NOT NULL,
        details jsonb NOT NULL,
        PRIMARY KEY (ric, client_id, item_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX rm_work_items_assignee ON rm_work_items (ric, assignee_role, assignee_id, due_at)`,
    );
    await queryRunner.query(`ALTER TABLE rm_clients ADD COLUMN unpaid numeric(14,2) NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE rm_clients DROP COLUMN unpaid');
    await queryRunner.query('DROP TABLE rm_work_items');
    await queryRunner.query('DROP TABLE rm_deadlines');
  }
}
