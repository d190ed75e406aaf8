import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One open item of a КПП's daily planner or a ПМ's queue. */
@Entity({ name: 'rm_work_items' })
@Index('rm_work_items_assignee', ['ric', 'assigneeRole', 'assigneeId', 'dueAt'])
export class WorkItemRecord {
  @PrimaryColumn({ type: 'text' })
  ric!: string;

  @PrimaryColumn({ type: 'text', name: 'client_id' })
  clientId!: string;

  @PrimaryColumn({ type: 'text', name: 'item_id' })
  itemId!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'timestamptz', name: 'due_at' })
  dueAt!: Date;

  @Column({ type: 'timestamptz', name: 'available_from' })
  availableFrom!: Date;

  @Column({ type: 'text', name: 'assignee_role' })
  assigneeRole!: string;

  @Column({ type: 'text', name: 'assignee_id' })
  assigneeId!: string;

  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;

  /** The client's contact necessity and diagnostic-week failure, copied for the planner. */
  @Column({ type: 'numeric', precision: 4, scale: 2, name: 'contact_necessity', default: 0 })
  contactNecessity!: string;

  @Column({ type: 'boolean', name: 'fails_diagnostics', default: false })
  failsDiagnostics!: boolean;
}
