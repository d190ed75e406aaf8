import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialReadModels1763800000000 implements MigrationInterface {
  name = 'InitialReadModels1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE rm_projection_checkpoints (
        name text PRIMARY KEY,
        cursor text,
        position bigint,
        events_processed bigint NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'running',
        last_error text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE rm_clients (
        ric text NOT NULL,
        client_id text NOT NULL,
        name text NOT NULL,
        lifecycle text NOT NULL,
        kpp_id text NOT NULL,
        pm_id text NOT NULL,
        responsible_role text NOT NULL,
        responsible_id text NOT NULL,
        debt_months numeric(8,2) NOT NULL DEFAULT 0,
        state jsonb NOT NULL,
        view jsonb NOT NULL,
        stream_version integer NOT NULL,
        last_position bigint NOT NULL,
        PRIMARY KEY (ric, client_id)
      )`);
    await queryRunner.query(`CREATE INDEX rm_clients_kpp ON rm_clients (ric, kpp_id)`);
    await queryRunner.query(`CREATE INDEX rm_clients_responsible ON rm_clients (ric, responsible_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE rm_clients');
    await queryRunner.query('DROP TABLE rm_projection_checkpoints');
  }
}
