import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read-only SQL for analysts (docs/analytics.md, ADR 0046): the `analytics` schema of views over the
 * read models — never over es_events, which holds personal data — and a role that may read those
 * views and nothing else. The views run with their owner's rights, so the role needs no right on
 * any table. The role is `<database>_analyst` (one per ledger database, because roles belong to
 * the whole server) and has no password here: the service sets it at every start (ANALYST_PASSWORD
 * or one generated into DATA_DIR), so no password is ever written into the repository.
 *
 * Adding a view later: a migration that runs `CREATE VIEW analytics.x AS …` and then
 * `SELECT analytics_grant_views()` (below), and a section in docs/analytics.md.
 */
export class AnalyticsSchema1764300000000 implements MigrationInterface {
  name = 'AnalyticsSchema1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SCHEMA analytics');
    // only the ledger's user creates in the schema; everybody else at most reads what is granted
    await queryRunner.query('REVOKE ALL ON SCHEMA analytics FROM PUBLIC');

    // Клиенты: the card's figures, without contact persons' names, phones or e-mails
    await queryRunner.query(`
      CREATE VIEW analytics.clients AS
      SELECT c.ric,
             c.client_id,
             c.name,
             c.state->>'inn' AS inn,
             c.state->>'category' AS category,
             (c.state->>'monthlyFee')::numeric(14,2) AS monthly_fee,
             c.state->>'contactCadence' AS contact_cadence,
             c.lifecycle,
             c.kpp_id,
             c.pm_id,
             c.responsible_role,
             c.responsible_id,
             c.debt_months,
             c.unpaid,
             c.contact_necessity,
             jsonb_array_length(c.diagnostic_failures) > 0 AS fails_diagnostics,
             (c.state->>'registeredAt')::timestamptz AS registered_at,
             c.stream_version,
             c.last_position
        FROM public.rm_clients c`);

    await queryRunner.query(`
      CREATE VIEW analytics.client_diagnostic_failures AS
      SELECT c.ric, c.client_id, f.criterion
        FROM public.rm_clients c
       CROSS JOIN LATERAL jsonb_array_elements_text(c.diagnostic_failures) AS f(criterion)`);

    // the weekly CRM facts the client state keeps (its latest 13 weeks), one row per client and week
    await queryRunner.query(`
      CREATE VIEW analytics.client_usage_weeks AS
      SELECT c.ric,
             c.client_id,
             (u->>'weekStart')::date AS week_start,
             (u->>'logins')::integer AS logins,
             (u->>'portalRequests')::integer AS portal_requests,
             (u->>'portalLowestRating')::integer AS portal_lowest_rating,
             (u->>'hotlineRequests')::integer AS hotline_requests,
             (u->>'trainedShare')::numeric AS trained_share,
             (u->>'webinars')::integer AS webinars,
             (u->>'newsletterClicks')::integer AS newsletter_clicks,
             (u->>'videoClicks')::integer AS video_clicks,
             (u->>'updatesInstalled')::boolean AS updates_installed,
             (u->>'renewalPeriodStarted')::boolean AS renewal_period_started,
             (u->>'unreturnedActs')::integer AS unreturned_acts,
             u->>'competitor' AS competitor,
             ARRAY(SELECT jsonb_array_elements_text(u->'portalDepartments')) AS portal_departments,
             (u->>'departmentsTrainedBelowHalf')::integer AS departments_trained_below_half,
             (u->>'seminarCertificates')::integer AS seminar_certificates,
             (u->'serviceActivity'->>'documentOrders')::integer AS document_orders,
             (u->'serviceActivity'->>'onlineOrders')::integer AS online_orders,
             (u->'serviceActivity'->>'consultingLineRequests')::integer AS consulting_line_requests,
             (u->'serviceActivity'->>'selectionOrders')::integer AS selection_orders,
             (u->'serviceActivity'->>'trainedUsers')::integer AS trained_users,
             (u->'serviceActivity'->>'onlineDialogRequests')::integer AS online_dialog_requests,
             (u->'serviceActivity'->>'personalAccountRegistered')::boolean AS personal_account_registered,
             (u->'serviceActivity'->>'techSupportRequests')::integer AS tech_support_requests
        FROM public.rm_clients c
       CROSS JOIN LATERAL jsonb_array_elements(COALESCE(c.state->'usage', '[]'::jsonb)) AS u`);

    // open planner and queue items; `details` stays out (it carries a contact person's name and phone)
    await queryRunner.query(`
      CREATE VIEW analytics.work_items AS
      SELECT w.ric, w.client_id, w.item_id, w.kind, w.reason, w.due_at, w.available_from,
             w.assignee_role, w.assignee_id, w.contact_necessity, w.fails_diagnostics
        FROM public.rm_work_items w`);

    await queryRunner.query(`
      CREATE VIEW analytics.deadlines AS
      SELECT d.ric, d.client_id, d.deadline_id, d.kind, d.due_at, d.status, d.attempts
        FROM public.rm_deadlines d`);

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
    await queryRunner.query('SELECT public.analytics_grant_views()');
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
