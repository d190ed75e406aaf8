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
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE rm_clients DROP COLUMN contact_necessity');
    await queryRunner.query('ALTER TABLE rm_clients DROP COLUMN diagnostic_failures');
  }
}
