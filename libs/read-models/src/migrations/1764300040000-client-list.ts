import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What GET /clients filters, searches and pages by (ADR 0040): ИНН, category, a search text (name
 * and ИНН lowercased, ё → е) and the contact persons the planner joins to name whom to call.
 * Rows written before this migration get their values when the clients projection is rebuilt.
 */
export class ClientList1764300040000 implements MigrationInterface {
  name = 'ClientList1764300040000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rm_clients ADD COLUMN inn text`);
    await queryRunner.query(`ALTER TABLE rm_clients ADD COLUMN category text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE rm_clients ADD COLUMN search_text text NOT NULL DEFAULT ''`);
    await queryRunner.query(
      `ALTER TABLE rm_clients ADD COLUMN contact_persons jsonb NOT NULL DEFAULT '{}'::jsonb`,
    );
    // keyset paging within a РИЦ, by id or by name, each filter leading with the РИЦ
    await queryRunner.query(`CREATE INDEX rm_clients_by_name ON rm_clients (ric, name, client_id)`);
    await queryRunner.query(`CREATE INDEX rm_clients_kpp_list ON rm_clients (ric, kpp_id, client_id)`);
    await queryRunner.query(`CREATE INDEX rm_clients_pm_list ON rm_clients (ric, pm_id, client_id)`);
    await queryRunner.query(`CREATE INDEX rm_clients_debt ON rm_clients (ric, debt_months)`);
    // the existing backfill: search text from what the rows already hold
    await queryRunner.query(
      `UPDATE rm_clients SET inn = state->>'inn', category = COALESCE(state->>'category', ''),
         search_text = translate(lower(name || ' ' || COALESCE(state->>'inn', '')), 'ё', 'е'),
         contact_persons = COALESCE(state->'contactPersons', '{}'::jsonb)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of [
      'rm_clients_by_name',
      'rm_clients_kpp_list',
      'rm_clients_pm_list',
      'rm_clients_debt',
    ])
      await queryRunner.query(`DROP INDEX ${index}`);
    for (const column of ['contact_persons', 'search_text', 'category', 'inn'])
      await queryRunner.query(`ALTER TABLE rm_clients DROP COLUMN ${column}`);
  }
}
