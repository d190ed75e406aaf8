import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A durable timer of a client's workflows, as the events say; rebuildable. */
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

  /** pending → fired | cancelled, from the events only; the scheduler's own state is in rm_deadline_schedule. */
  @Column({ type: 'text' })
  status!: 'pending' | 'fired' | 'cancelled';

  /** Global position of the DeadlineSet this row stands for (a deadline set again is a new timer). */
  @Column({ type: 'bigint', name: 'set_position', nullable: true })
  setPosition!: string | null;
}
