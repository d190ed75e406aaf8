import { MigrationInterface, QueryRunner } from 'typeorm';

export class DiagnosticFailures1763800002000 implements MigrationInterface {
  name = 'DiagnosticFailures1763800002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE rm_clients ADD COLUMN diagnostic_failures jsonb NOT NULL DEFAULT '[]'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE rm_clients DROP COLUMN diagnostic_failures');
  }
}
