import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ClientState, ClientView, ContactPerson, RegisteredClient } from '@ledger/domain';

/** A payment promise (договорённость об оплате) as the receivables register sums it. */
export interface ClientPromiseFigures {
  promisedOn: string;
  target: number;
  paidInTime: number;
}

/** One row per client: the folded domain state and the view GET /clients/{id} answers. */
@Entity({ name: 'rm_clients' })
@Index('rm_clients_kpp', ['ric', 'kppId'])
@Index('rm_clients_responsible', ['ric', 'responsibleId'])
export class ClientRecord {
  @PrimaryColumn({ type: 'text' })
  ric!: string;

  @PrimaryColumn({ type: 'text', name: 'client_id' })
  clientId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  lifecycle!: string;

  @Column({ type: 'text', name: 'kpp_id' })
  kppId!: string;

  @Column({ type: 'text', name: 'pm_id' })
  pmId!: string;

  @Column({ type: 'text', name: 'responsible_role' })
  responsibleRole!: string;

  @Column({ type: 'text', name: 'responsible_id' })
  responsibleId!: string;

  @Column({ type: 'numeric', precision: 8, scale: 2, name: 'debt_months', default: 0 })
  debtMonths!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2, default: 0 })
  unpaid!: string;

  /** The criteria of a diagnostic week the client fails now (libs/domain/src/diagnostics). */
  @Column({ type: 'jsonb', name: 'diagnostic_failures', default: () => "'[]'" })
  diagnosticFailures!: string[];

  /** Показатель необходимости контакта (libs/domain/src/diagnostics/contact-necessity.ts). */
  @Column({ type: 'numeric', precision: 4, scale: 2, name: 'contact_necessity', default: 0 })
  contactNecessity!: string;

  @Column({ type: 'text', nullable: true })
  inn!: string | null;

  @Column({ type: 'text', default: '' })
  category!: string;

  /** Name and ИНН lowercased with ё → е, what `q` of GET /clients matches (searchTextOf). */
  @Column({ type: 'text', name: 'search_text', default: '' })
  searchText!: string;

  /** The client's contact persons (КЛ) by id: the planner joins them to name whom to call. */
  @Column({ type: 'jsonb', name: 'contact_persons', default: () => "'{}'" })
  contactPersons!: Record<string, ContactPerson>;

  /**
   * The folded state at stream version `stateAt`: a snapshot, written every few hundred versions and
   * at each erasure, not at every batch (ADR 0070, fifth pass); null before the first. Read the
   * other columns or `view`: this one is only for the clients projection to resume from.
   */
  @Column({ type: 'jsonb', nullable: true })
  state!: ClientState | null;

  @Column({ type: 'integer', name: 'state_at', nullable: true, default: 0 })
  stateAt!: number;

  @Column({ type: 'numeric', precision: 14, scale: 2, name: 'monthly_fee', nullable: true })
  monthlyFee!: string | null;

  @Column({ type: 'text', name: 'contact_cadence', nullable: true })
  contactCadence!: string | null;

  @Column({ type: 'timestamptz', name: 'registered_at', nullable: true })
  registeredAt!: Date | null;

  /** Every payment promise's agreed day and sums (kopecks), for the receivables register. */
  @Column({ type: 'jsonb', nullable: true })
  promises!: ClientPromiseFigures[] | null;

  /** The shape `state` was stored in (CLIENT_STATE_VERSION); a change of shape rebuilds the projection. */
  @Column({ type: 'integer', name: 'state_version', default: 1 })
  stateVersion!: number;

  @Column({ type: 'jsonb' })
  view!: ClientView;

  @Column({ type: 'integer', name: 'stream_version' })
  streamVersion!: number;

  @Column({ type: 'bigint', name: 'last_position' })
  lastPosition!: string;
}

/** A week of CRM facts a client's state keeps (its latest 13 weeks), for analytics.client_usage_weeks. */
@Entity({ name: 'rm_client_usage_weeks' })
export class ClientUsageWeekRecord {
  @PrimaryColumn({ type: 'text' })
  ric!: string;

  @PrimaryColumn({ type: 'text', name: 'client_id' })
  clientId!: string;

  /** The week's Monday, as the facts give it (weekStart). */
  @PrimaryColumn({ type: 'text', name: 'week_start' })
  weekStart!: string;

  @Column({ type: 'jsonb' })
  facts!: RegisteredClient['usage'][number];
}
