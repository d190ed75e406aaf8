import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The folded client states the projections rewrite on every batch are stored out of line without
 * compression (STORAGE EXTERNAL): the server's pglz compression of tens of megabytes per catch-up
 * batch cost more CPU than the disk it saved on this 2-core machine (ADR 0070). The shadow tables
 * of a rebuild copy the setting (LIKE … INCLUDING ALL). Rows already stored keep their form until
 * rewritten.
 */
export class UncompressedProjectionState1764356000000 implements MigrationInterface {
  name = 'UncompressedProjectionState1764356000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE rm_clients ALTER COLUMN state SET STORAGE EXTERNAL, ALTER COLUMN view SET STORAGE EXTERNAL`,
    );
    await queryRunner.query(
      `ALTER TABLE rm_report_clients ALTER COLUMN state SET STORAGE EXTERNAL, ALTER COLUMN memory SET STORAGE EXTERNAL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE rm_clients ALTER COLUMN state SET STORAGE EXTENDED, ALTER COLUMN view SET STORAGE EXTENDED`,
    );
    await queryRunner.query(
      `ALTER TABLE rm_report_clients ALTER COLUMN state SET STORAGE EXTENDED, ALTER COLUMN memory SET STORAGE EXTENDED`,
    );
  }
}
