import { MigrationInterface, QueryRunner } from 'typeorm';
import { CLIENT_FIELDS_FROM_STATE, recreateAnalyticsViews } from '../analytics/analytics-views';

/**
 * Read-only SQL for analysts (docs/analytics.md, ADR 0046): the `analytics` schema of views over the
 * read models — never over es_events, which holds personal data — and a role that may read those
 * views and nothing else. The views run with their owner's rights, so the role needs no right on
 * any table. The role is `<database>_analyst` (one per ledger database, because roles belong to
 * the whole server) and has no password here: the service sets it at every start (ANALYST_PASSWORD
 * or one generated into DATA_DIR), so no password is ever written into the repository.
 *
 * Adding a view later: a migration that runs `CREATE VIEW analytics.x AS …` and then
 * `SELECT public.analytics_grant_views()` (below), and a section in docs/analytics.md.
 */
export class AnalyticsSchema1764300000000 implements MigrationInterface {
  name = 'AnalyticsSchema1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SCHEMA analytics');
    // only the ledger's user creates in the schema; everybody else at most reads what is granted
    await queryRunner.query('REVOKE ALL ON SCHEMA analytics FROM PUBLIC');

    // Creates the role once (where the ledger's user may create roles) and grants it every view of
    // the schema; later migrations call it again after creating a view.
    await queryRunner.query(`
      CREATE FUNCTION public.analytics_grant_views() RETURNS void LANGUAGE plpgsql AS $fn$
      DECLARE
        analyst text := left(current_database(), 55) || '_analyst';
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = analyst) THEN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
            RAISE NOTICE 'role % not created: % may not create roles (docs/analytics.md: creating it by hand)',
              analyst, current_user;
            RETURN;
          END IF;
          EXECUTE format(
            'CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 20',
            analyst);
        END IF;
        -- a reading session by default, and no query of an analyst holds the database for long
        EXECUTE format('ALTER ROLE %I SET default_transaction_read_only = on', analyst);
        EXECUTE format('ALTER ROLE %I SET statement_timeout = %L', analyst, '5min');
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), analyst);
        EXECUTE format('GRANT USAGE ON SCHEMA analytics TO %I', analyst);
        EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO %I', analyst);
      END
      $fn$`);
    await queryRunner.query('REVOKE ALL ON FUNCTION public.analytics_grant_views() FROM PUBLIC');
    // the views as they were then: the columns they read now come in a later migration
    await recreateAnalyticsViews((sql) => queryRunner.query(sql), CLIENT_FIELDS_FROM_STATE);
    // temporary tables are writing too: only the database's owner and those granted may create them
    await queryRunner.query(`DO $do$ BEGIN
        EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
        EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO %I', current_database(), current_user);
      END $do$`);
    // before PostgreSQL 15 everybody could create in schema public; the ledger's user owns it or is
    // superuser wherever this revoke takes effect (elsewhere it is a warning and changes nothing)
    await queryRunner.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DO $do$ BEGIN
        EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO PUBLIC', current_database());
      END $do$`);
    await queryRunner.query('DROP FUNCTION public.analytics_grant_views()');
    await queryRunner.query('DROP SCHEMA analytics CASCADE');
    // the role stays: it may own nothing, and dropping it would break the sessions of analysts
  }
}
