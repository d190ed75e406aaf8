import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The analysts' report projection (SPEC §5, ADR 0050–0054): the client facts the reports read, the
 * weekly usage facts, the contact necessity per day, works and call attempts, payment promises,
 * competitor diagnoses and signs of deterioration. Every table is keyed by РИЦ first.
 */
export class ReportReadModels1764300020000 implements MigrationInterface {
  name = 'ReportReadModels1764300020000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rm_report_clients (
      ric text NOT NULL, client_id text NOT NULL,
      kpp_id text NOT NULL, pm_id text NOT NULL, category text NOT NULL,
      monthly_fee numeric(14,2) NOT NULL, service_points integer NOT NULL, lifecycle text NOT NULL,
      debt_over_one_month boolean NOT NULL, newsletter_subscribers integer NOT NULL,
      necessity_from timestamptz, necessity numeric(4,2), necessity_signs jsonb,
      state jsonb NOT NULL, memory jsonb NOT NULL, stream_version integer NOT NULL,
      PRIMARY KEY (ric, client_id))`);
    await q.query(`CREATE INDEX rm_report_clients_kpp ON rm_report_clients (ric, kpp_id)`);
    await q.query(`CREATE INDEX rm_report_clients_pm ON rm_report_clients (ric, pm_id)`);
    await q.query(`CREATE TABLE rm_report_usage_weeks (
      ric text NOT NULL, client_id text NOT NULL, week_start date NOT NULL,
      kpp_id text NOT NULL, pm_id text NOT NULL,
      logins integer, portal_requests integer NOT NULL, portal_lowest_rating numeric(6,2),
      hotline_requests integer NOT NULL, trained_share numeric(6,4) NOT NULL, webinars integer NOT NULL,
      seminar_certificates integer NOT NULL, departments_trained_below_half integer,
      portal_departments text[] NOT NULL, competitor text NOT NULL,
      document_orders integer NOT NULL, online_orders integer NOT NULL, consulting_line_requests integer NOT NULL,
      selection_orders integer NOT NULL, trained_users integer NOT NULL, online_dialog_requests integer NOT NULL,
      personal_account_registered integer NOT NULL, tech_support_requests integer NOT NULL,
      service_used boolean NOT NULL, segment text,
      PRIMARY KEY (ric, client_id, week_start))`);
    await q.query(
      // covering: the week-range reports read the index alone once autovacuum has marked the pages
      `CREATE INDEX rm_report_usage_weeks_week ON rm_report_usage_weeks (ric, week_start)
       INCLUDE (client_id, kpp_id, segment, webinars, portal_requests, logins, portal_lowest_rating, portal_departments)`,
    );
    // seminar certificates are rare: trigger 9 reads only the weeks that have some
    await q.query(
      `CREATE INDEX rm_report_usage_weeks_certificates ON rm_report_usage_weeks (ric, week_start)
       INCLUDE (client_id, seminar_certificates) WHERE seminar_certificates > 0`,
    );
    await q.query(`CREATE TABLE rm_report_necessity (
      ric text NOT NULL, client_id text NOT NULL, valid_from timestamptz NOT NULL,
      indicator numeric(4,2) NOT NULL, signs jsonb NOT NULL,
      PRIMARY KEY (ric, client_id, valid_from))`);
    await q.query(`CREATE TABLE rm_report_contacts (
      ric text NOT NULL, client_id text NOT NULL, contact_id text NOT NULL,
      employee_id text, kind text, reason text, planned_at timestamptz, instruments_planned integer,
      ended_at timestamptz, ended_on date, end_kind text, closing_reason text, instruments_used integer,
      connected boolean,
      PRIMARY KEY (ric, client_id, contact_id))`);
    await q.query(`CREATE INDEX rm_report_contacts_ended ON rm_report_contacts (ric, ended_on)
       INCLUDE (end_kind, closing_reason, employee_id, client_id, instruments_planned, instruments_used)`);
    // a client's latest works (trigger 6 of [001])
    await q.query(
      `CREATE INDEX rm_report_contacts_client_ended ON rm_report_contacts (ric, client_id, ended_at)`,
    );
    await q.query(`CREATE TABLE rm_report_attempts (
      ric text NOT NULL, client_id text NOT NULL, stream_version integer NOT NULL,
      contact_id text NOT NULL, employee_id text NOT NULL, occurred_on date NOT NULL,
      outcome text NOT NULL, duration_sec integer,
      PRIMARY KEY (ric, client_id, stream_version))`);
    await q.query(`CREATE INDEX rm_report_attempts_day ON rm_report_attempts (ric, occurred_on)
       INCLUDE (employee_id, outcome, duration_sec)`);
    await q.query(`CREATE TABLE rm_report_promises (
      ric text NOT NULL, client_id text NOT NULL, promise_id text NOT NULL,
      employee_id text, promised_on date, target numeric(14,2), status text NOT NULL,
      paid_in_time numeric(14,2) NOT NULL,
      PRIMARY KEY (ric, client_id, promise_id))`);
    await q.query(`CREATE INDEX rm_report_promises_day ON rm_report_promises (ric, promised_on)`);
    await q.query(`CREATE TABLE rm_report_competitor_diagnoses (
      ric text NOT NULL, client_id text NOT NULL, stream_version integer NOT NULL,
      diagnosed_on date NOT NULL, competitor text NOT NULL, systems jsonb NOT NULL,
      PRIMARY KEY (ric, client_id, stream_version))`);
    await q.query(`CREATE TABLE rm_report_deterioration (
      ric text NOT NULL, client_id text NOT NULL, sign text NOT NULL, first_seen_at timestamptz NOT NULL,
      kpp_id text, pm_id text, first_action_at timestamptz,
      PRIMARY KEY (ric, client_id, sign, first_seen_at))`);
    await q.query(
      `CREATE INDEX rm_report_deterioration_seen ON rm_report_deterioration (ric, first_seen_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'rm_report_deterioration',
      'rm_report_competitor_diagnoses',
      'rm_report_promises',
      'rm_report_attempts',
      'rm_report_contacts',
      'rm_report_necessity',
      'rm_report_usage_weeks',
      'rm_report_clients',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}
