import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A durable timer of a client's workflows, claimed and fired by the scheduler. */
@Entity({ name: 'rm_deadlines' })
@Index('rm_deadlines_due', ['dueAt'])
export class DeadlineRecord {
  @PrimaryColumn({ type: 'text' })
  ric!: string;

  @PrimaryColumn({ type: 'text', name: 'client_id' })
  clientId!: string;

  @PrimaryColumn({ type: 'text', name: 'deadline_id' })
  deadlineId!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'timestamptz', name: 'due_at' })
  dueAt!: Date;

  /** pending → fired | cancelled; `failed` after repeated errors (visible, not retried). */
  @Column({ type: 'text' })
  status!: 'pending' | 'fired' | 'cancelled' | 'failed';

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError!: string | null;
}
