/**
 * The first views of the schema `analytics` (docs/analytics.md, ADR 0046), over rm_clients,
 * rm_work_items and rm_deadlines, created by migration AnalyticsSchema1764300000000. A view is
 * bound to its table itself, not to the table's name: whatever replaces one of these tables (a
 * rebuild that swaps in a shadow table) drops the old table with its views and runs
 * `recreateAnalyticsViews` in the same transaction, after the swap (projection-rebuild.ts).
 * Views over later tables (reports) get their own migration and list, not this one: on a fresh
 * database this list runs before those tables exist.
 */
/**
 * Where the views find the client's fields that are not among rm_clients' first columns. Until
 * migration ClientStateSnapshots1764359100000 they were read from `state`; since then `state` is a
 * snapshot (ADR 0070, fifth pass) and they have columns of their own. The older migration keeps
 * creating the views it created then, on a database without those columns yet.
 */
export interface ClientFieldsSql {
  inn: string;
  category: string;
  monthlyFee: string;
  contactCadence: string;
  registeredAt: string;
  /** Where analytics.client_usage_weeks finds its rows: `c` (ric, client_id) and `u` (a week's facts). */
  usageWeeks: string;
}

export const CLIENT_FIELDS_FROM_STATE: ClientFieldsSql = {
  inn: "c.state->>'inn'",
  category: "c.state->>'category'",
  monthlyFee: "(c.state->>'monthlyFee')::numeric(14,2)",
  contactCadence: "c.state->>'contactCadence'",
  registeredAt: "(c.state->>'registeredAt')::timestamptz",
  usageWeeks: `public.rm_clients c
     CROSS JOIN LATERAL jsonb_array_elements(COALESCE(c.state->'usage', '[]'::jsonb)) AS u`,
};

export const CLIENT_FIELDS_FROM_COLUMNS: ClientFieldsSql = {
  inn: 'c.inn',
  category: 'c.category',
  monthlyFee: 'c.monthly_fee',
  contactCadence: 'c.contact_cadence',
  registeredAt: 'c.registered_at',
  usageWeeks: 'public.rm_client_usage_weeks c CROSS JOIN LATERAL (SELECT c.facts) AS w(u)',
};

export const analyticsViewsSql = (
  fields: ClientFieldsSql = CLIENT_FIELDS_FROM_COLUMNS,
): readonly string[] => [
  // Клиенты: the card's figures, without contact persons' names, phones or e-mails
  `CREATE OR REPLACE VIEW analytics.clients AS
    SELECT c.ric,
           c.client_id,
           c.name,
           ${fields.inn} AS inn,
           ${fields.category} AS category,
           ${fields.monthlyFee} AS monthly_fee,
           ${fields.contactCadence} AS contact_cadence,
           c.lifecycle,
           c.kpp_id,
           c.pm_id,
           c.responsible_role,
           c.responsible_id,
           c.debt_months,
           c.unpaid,
           c.contact_necessity,
           jsonb_array_length(c.diagnostic_failures) > 0 AS fails_diagnostics,
           ${fields.registeredAt} AS registered_at,
           c.stream_version,
           c.last_position
      FROM public.rm_clients c`,
  `CREATE OR REPLACE VIEW analytics.client_diagnostic_failures AS
    SELECT c.ric, c.client_id, f.criterion
      FROM public.rm_clients c
     CROSS JOIN LATERAL jsonb_array_elements_text(c.diagnostic_failures) AS f(criterion)`,
  // the weekly CRM facts the client state keeps (its latest 13 weeks), one row per client and week
  `CREATE OR REPLACE VIEW analytics.client_usage_weeks AS
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
      FROM ${fields.usageWeeks}`,
  // open planner and queue items; `details` stays out (it carries a contact person's name and phone)
  `CREATE OR REPLACE VIEW analytics.work_items AS
    SELECT w.ric, w.client_id, w.item_id, w.kind, w.reason, w.due_at, w.available_from,
           w.assignee_role, w.assignee_id, w.contact_necessity, w.fails_diagnostics
      FROM public.rm_work_items w`,
  // the scheduler's attempts and failures live in its own table (ADR 0030), for the timer they are for;
  // subqueries, not a join, so that the view stays a plain one over rm_deadlines
  `CREATE OR REPLACE VIEW analytics.deadlines AS
    SELECT d.ric, d.client_id, d.deadline_id, d.kind, d.due_at,
           CASE WHEN (SELECT s.status FROM public.rm_deadline_schedule s
                       WHERE s.ric = d.ric AND s.client_id = d.client_id AND s.deadline_id = d.deadline_id
                         AND s.set_position IS NOT DISTINCT FROM d.set_position) = 'failed'
                THEN 'failed' ELSE d.status END AS status,
           COALESCE((SELECT s.attempts FROM public.rm_deadline_schedule s
                      WHERE s.ric = d.ric AND s.client_id = d.client_id AND s.deadline_id = d.deadline_id
                        AND s.set_position IS NOT DISTINCT FROM d.set_position), 0) AS attempts
      FROM public.rm_deadlines d`,
];

/** (Re)creates every view and grants them to the analysts' role (same columns: CREATE OR REPLACE). */
export async function recreateAnalyticsViews(
  query: (sql: string) => Promise<unknown>,
  fields: ClientFieldsSql = CLIENT_FIELDS_FROM_COLUMNS,
): Promise<void> {
  for (const sql of analyticsViewsSql(fields)) await query(sql);
  await query('SELECT public.analytics_grant_views()');
}
