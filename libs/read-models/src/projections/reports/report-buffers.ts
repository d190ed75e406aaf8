import type { EntityManager } from 'typeorm';
import { RowBuffer } from './row-buffer';

/** The report tables' buffers of one batch (columns as in migration 1764300000000). */
export const reportBuffers = () => ({
  usageWeeks: new RowBuffer(
    'rm_report_usage_weeks',
    ['ric', 'client_id', 'week_start'],
    [
      'kpp_id',
      'pm_id',
      'logins',
      'portal_requests',
      'portal_lowest_rating',
      'hotline_requests',
      'trained_share',
      'webinars',
      'seminar_certificates',
      'departments_trained_below_half',
      'portal_departments',
      'competitor',
      'document_orders',
      'online_orders',
      'consulting_line_requests',
      'selection_orders',
      'trained_users',
      'online_dialog_requests',
      'personal_account_registered',
      'tech_support_requests',
      'service_used',
      'segment',
    ],
    'replace',
  ),
  necessity: new RowBuffer(
    'rm_report_necessity',
    ['ric', 'client_id', 'valid_from'],
    ['indicator', 'signs'],
    'replace',
  ),
  contacts: new RowBuffer(
    'rm_report_contacts',
    ['ric', 'client_id', 'contact_id'],
    [
      'employee_id',
      'kind',
      'reason',
      'planned_at',
      'instruments_planned',
      'ended_at',
      'ended_on',
      'end_kind',
      'closing_reason',
      'instruments_used',
      'connected',
    ],
    'merge',
  ),
  attempts: new RowBuffer(
    'rm_report_attempts',
    ['ric', 'client_id', 'stream_version'],
    ['contact_id', 'employee_id', 'occurred_on', 'outcome', 'duration_sec'],
    'replace',
  ),
  promises: new RowBuffer(
    'rm_report_promises',
    ['ric', 'client_id', 'promise_id'],
    ['employee_id', 'promised_on', 'target', 'status', 'paid_in_time'],
    'merge',
  ),
  diagnoses: new RowBuffer(
    'rm_report_competitor_diagnoses',
    ['ric', 'client_id', 'stream_version'],
    ['diagnosed_on', 'competitor', 'systems'],
    'replace',
  ),
  deterioration: new RowBuffer(
    'rm_report_deterioration',
    ['ric', 'client_id', 'sign', 'first_seen_at'],
    ['kpp_id', 'pm_id', 'first_action_at'],
    'merge',
  ),
  clients: new RowBuffer(
    'rm_report_clients',
    ['ric', 'client_id'],
    [
      'kpp_id',
      'pm_id',
      'category',
      'monthly_fee',
      'service_points',
      'lifecycle',
      'debt_over_one_month',
      'newsletter_subscribers',
      'necessity_from',
      'necessity',
      'necessity_signs',
      'state',
      'state_at',
      'memory',
      'stream_version',
    ],
    'replace',
    // the state is a snapshot written every SNAPSHOT_EVERY versions; between them the row keeps it
    ['state', 'state_at'],
  ),
});

export type ReportBuffers = ReturnType<typeof reportBuffers>;

export async function flushReportBuffers(manager: EntityManager, buffers: ReportBuffers): Promise<void> {
  for (const buffer of Object.values(buffers)) await buffer.flush(manager);
}

export const REPORT_TABLES = [
  'rm_report_deterioration',
  'rm_report_competitor_diagnoses',
  'rm_report_promises',
  'rm_report_attempts',
  'rm_report_contacts',
  'rm_report_necessity',
  'rm_report_usage_weeks',
  'rm_report_clients',
];
