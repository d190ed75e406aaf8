import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A contact an auditor may draw for review: planned with its assignee, and from its first connected
 * attempt on, the call's time and whose call it was (rm_audit_calls).
 */
@Entity({ name: 'rm_audit_calls' })
@Index('rm_audit_calls_connected', ['ric', 'connectedAt'])
export class AuditCallRecord {
  @PrimaryColumn({ type: 'text' })
  ric!: string;

  @PrimaryColumn({ type: 'text', name: 'client_id' })
  clientId!: string;

  @PrimaryColumn({ type: 'text', name: 'contact_id' })
  contactId!: string;

  /** Whose planner the contact is in (moves with a reassignment until it connects). */
  @Column({ type: 'text', name: 'assignee_role' })
  assigneeRole!: string;

  @Column({ type: 'text', name: 'assignee_id' })
  assigneeId!: string;

  /** The first connected attempt; null while there was none. */
  @Column({ type: 'timestamptz', name: 'connected_at', nullable: true })
  connectedAt!: Date | null;
}
