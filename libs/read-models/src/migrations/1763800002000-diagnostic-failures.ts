import { MigrationInterface, QueryRunner } from 'typeorm';

/** What the planner orders and picks by: diagnostic-week failures and the contact necessity indicator. */
export class DiagnosticFailures1763800002000 implements MigrationInterface {
  name = 'DiagnosticFailures1763800002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE rm_clients ADD COLUMN diagnostic_failures jsonb NOT NULL DEFAULT '[]'`,
    );
    await queryRunner.query(
      `ALTER TABLE rm_clients ADD COLUMN contact_necessity numeric(4,2) NOT NULL DEFAULT 0`,
    );
    // copied onto the client's items, so that the planner reads one table in index order
    await queryRunner.query(
      `ALTER TABLE rm_work_items ADD COLUMN contact_necessity numeric(4,2) NOT NULL DEFAULT 0`,
    );
    await queryRunner.query(
      `ALTER TABLE rm_work_items ADD COLUMN fails_diagnostics boolean NOT NULL DEFAULT false`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE rm_work_items DROP COLUMN fails_diagnostics');
    await queryRunner.query('ALTER TABLE rm_work_items DROP COLUMN contact_necessity');
    await queryRunner.query('ALTER TABLE rm_clients DROP COLUMN contact_necessity');
    await queryRunner.query('ALTER TABLE rm_clients DROP COLUMN diagnostic_failures');
  }
}
