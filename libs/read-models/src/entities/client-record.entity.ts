import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ClientState, ClientView, ContactPerson } from '@ledger/domain';

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

  @Column({ type: 'jsonb' })
  state!: ClientState;

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
