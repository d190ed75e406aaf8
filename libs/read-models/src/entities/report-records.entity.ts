import { Column, Entity, PrimaryColumn } from 'typeorm';

/* The report projection's tables (migration 1764300000000); reports query them with SQL. */

/** The client facts the reports read (profile, debt sign, subscribers) and the folded state. */
@Entity({ name: 'rm_report_clients' })
export class ReportClientRecord {
  @PrimaryColumn({ type: 'text' })
  ric!: string;

  @PrimaryColumn({ type: 'text', name: 'client_id' })
  clientId!: string;

  @Column({ type: 'text', name: 'kpp_id' })
  kppId!: string;

  @Column({ type: 'text', name: 'pm_id' })
  pmId!: string;

  @Column({ type: 'text' })
  category!: string;

  @Column({ type: 'numeric', name: 'monthly_fee' })
  monthlyFee!: string;

  @Column({ type: 'integer', name: 'service_points' })
  servicePoints!: number;

  @Column({ type: 'text' })
  lifecycle!: string;

  @Column({ type: 'boolean', name: 'debt_over_one_month' })
  debtOverOneMonth!: boolean;

  @Column({ type: 'integer', name: 'newsletter_subscribers' })
  newsletterSubscribers!: number;

  /** The contact necessity now and since when (rm_report_necessity holds the earlier ones). */
  @Column({ type: 'timestamptz', name: 'necessity_from', nullable: true })
  necessityFrom?: Date | null;

  @Column({ type: 'numeric', nullable: true })
  necessity?: string | null;

  @Column({ type: 'jsonb', name: 'necessity_signs', nullable: true })
  necessitySigns?: unknown;

  /** The folded state at stream version `stateAt` (a snapshot, ADR 0070), or null before the first. */
  @Column({ type: 'jsonb', nullable: true })
  state!: unknown;

  @Column({ type: 'integer', name: 'state_at', nullable: true, default: 0 })
  stateAt!: number | null;

  @Column({ type: 'jsonb' })
  memory!: unknown;

  @Column({ type: 'integer', name: 'stream_version' })
  streamVersion!: number;
}

/** A client's weekly usage facts as imported, with the week's loyalty segment [000]. */
@Entity({ name: 'rm_report_usage_weeks' })
export class ReportUsageWeekRecord {
  @PrimaryColumn({ type: 'text' })
  ric!: string;

  @PrimaryColumn({ type: 'text', name: 'client_id' })
  clientId!: string;

  @PrimaryColumn({ type: 'date', name: 'week_start' })
  weekStart!: string;

  @Column({ type: 'text', name: 'kpp_id' })
  kppId!: string;

  @Column({ type: 'text', name: 'pm_id' })
  pmId!: string;

  @Column({ type: 'integer', nullable: true })
  logins?: number | null;

  @Column({ type: 'integer', name: 'portal_requests' })
  portalRequests!: number;

  @Column({ type: 'numeric', name: 'portal_lowest_rating', nullable: true })
  portalLowestRating?: string | null;

  @Column({ type: 'integer', name: 'hotline_requests' })
  hotlineRequests!: number;

  @Column({ type: 'numeric', name: 'trained_share' })
  trainedShare!: string;

  @Column({ type: 'integer' })
  webinars!: number;

  @Column({ type: 'integer', name: 'seminar_certificates' })
  seminarCertificates!: number;

  @Column({ type: 'integer', name: 'departments_trained_below_half', nullable: true })
  departmentsTrainedBelowHalf?: number | null;

  @Column({ type: 'text', array: true, name: 'portal_departments' })
  portalDepartments!: string[];

  @Column({ type: 'text' })
  competitor!: string;

  @Column({ type: 'integer', name: 'document_orders' })
  documentOrders!: number;

  @Column({ type: 'integer', name: 'online_orders' })
  onlineOrders!: number;

  @Column({ type: 'integer', name: 'consulting_line_requests' })
  consultingLineRequests!: number;

  @Column({ type: 'integer', name: 'selection_orders' })
  selectionOrders!: number;

  @Column({ type: 'integer', name: 'trained_users' })
  trainedUsers!: number;

  @Column({ type: 'integer', name: 'online_dialog_requests' })
  onlineDialogRequests!: number;

  @Column({ type: 'integer', name: 'personal_account_registered' })
  personalAccountRegistered!: number;

  @Column({ type: 'integer', name: 'tech_support_requests' })
  techSupportRequests!: number;

  @Column({ type: 'boolean', name: 'service_used' })
  serviceUsed!: boolean;

  @Column({ type: 'text', nullable: true })
  segment?: string | null;
}

/** The contact necessity indicator [003] and its signs from an instant on. */
@Entity({ name: 'rm_report_necessity' })
export class ReportNecessityRecord {
  @PrimaryColumn({ type: 'text' })
  ric!: string;

  @PrimaryColumn({ type: 'text', name: 'client_id' })
  clientId!: string;

  @PrimaryColumn({ type: 'timestamptz', name: 'valid_from' })
  validFrom!: Date;

  @Column({ type: 'numeric' })
  indicator!: string;

  @Column({ type: 'jsonb' })
  signs!: unknown;
}

/** A work (contact): who, why, planned and used instruments, how it ended. */
@Entity({ name: 'rm_report_contacts' })
export class ReportContactRecord {
  @PrimaryColumn({ type: 'text' })
  ric!: string;

  @PrimaryColumn({ type: 'text', name: 'client_id' })
  clientId!: string;

  @PrimaryColumn({ type: 'text', name: 'contact_id' })
  contactId!: string;

  @Column({ type: 'text', name: 'employee_id', nullable: true })
  employeeId?: string | null;

  @Column({ type: 'text', nullable: true })
  kind?: string | null;

  @Column({ type: 'text', nullable: true })
  reason?: string | null;

  @Column({ type: 'timestamptz', name: 'planned_at', nullable: true })
  plannedAt?: Date | null;

  @Column({ type: 'integer', name: 'instruments_planned', nullable: true })
  instrumentsPlanned?: number | null;

  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true })
  endedAt?: Date | null;

  @Column({ type: 'date', name: 'ended_on', nullable: true })
  endedOn?: string | null;

  @Column({ type: 'text', name: 'end_kind', nullable: true })
  endKind?: string | null;

  @Column({ type: 'text', name: 'closing_reason', nullable: true })
  closingReason?: string | null;

  @Column({ type: 'integer', name: 'instruments_used', nullable: true })
  instrumentsUsed?: number | null;

  @Column({ type: 'boolean', nullable: true })
  connected?: boolean | null;
}

/** A dial (call attempt) with its outcome and length. */
@Entity({ name: 'rm_report_attempts' })
export class ReportAttemptRecord {
  @PrimaryColumn({ type: 'text' })
  ric!: string;

  @PrimaryColumn({ type: 'text', name: 'client_id' })
  clientId!: string;

  @PrimaryColumn({ type: 'integer', name: 'stream_version' })
  streamVersion!: number;

  @Column({ type: 'text', name: 'contact_id' })
  contactId!: string;

  @Column({ type: 'text', name: 'employee_id' })
  employeeId!: string;

  @Column({ type: 'date', name: 'occurred_on' })
  occurredOn!: string;

  @Column({ type: 'text' })
  outcome!: string;

  @Column({ type: 'integer', name: 'duration_sec', nullable: true })
  durationSec?: number | null;
}

/** A payment promise: amount, agreed day, outcome, paid in time. */
@Entity({ name: 'rm_report_promises' })
export class ReportPromiseRecord {
  @PrimaryColumn({ type: 'text' })
  ric!: string;

  @PrimaryColumn({ type: 'text', name: 'client_id' })
  clientId!: string;

  @PrimaryColumn({ type: 'text', name: 'promise_id' })
  promiseId!: string;

  @Column({ type: 'text', name: 'employee_id', nullable: true })
  employeeId?: string | null;

  @Column({ type: 'date', name: 'promised_on', nullable: true })
  promisedOn?: string | null;

  @Column({ type: 'numeric', nullable: true })
  target?: string | null;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'numeric', name: 'paid_in_time' })
  paidInTime!: string;
}

/** A competitor diagnosis [002]. */
@Entity({ name: 'rm_report_competitor_diagnoses' })
export class ReportCompetitorDiagnosisRecord {
  @PrimaryColumn({ type: 'text' })
  ric!: string;

  @PrimaryColumn({ type: 'text', name: 'client_id' })
  clientId!: string;

  @PrimaryColumn({ type: 'integer', name: 'stream_version' })
  streamVersion!: number;

  @Column({ type: 'date', name: 'diagnosed_on' })
  diagnosedOn!: string;

  @Column({ type: 'text' })
  competitor!: string;

  @Column({ type: 'jsonb' })
  systems!: unknown;
}

/** A sign of deterioration [002]: when first seen and when someone first acted. */
@Entity({ name: 'rm_report_deterioration' })
export class ReportDeteriorationRecord {
  @PrimaryColumn({ type: 'text' })
  ric!: string;

  @PrimaryColumn({ type: 'text', name: 'client_id' })
  clientId!: string;

  @PrimaryColumn({ type: 'text' })
  sign!: string;

  @PrimaryColumn({ type: 'timestamptz', name: 'first_seen_at' })
  firstSeenAt!: Date;

  @Column({ type: 'text', name: 'kpp_id', nullable: true })
  kppId?: string | null;

  @Column({ type: 'text', name: 'pm_id', nullable: true })
  pmId?: string | null;

  @Column({ type: 'timestamptz', name: 'first_action_at', nullable: true })
  firstActionAt?: Date | null;
}

/** Every table of the report projection. */
export const REPORT_ENTITIES = [
  ReportClientRecord,
  ReportUsageWeekRecord,
  ReportNecessityRecord,
  ReportContactRecord,
  ReportAttemptRecord,
  ReportPromiseRecord,
  ReportCompetitorDiagnosisRecord,
  ReportDeteriorationRecord,
];
