import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where each projection stands in the global log; written in the same transaction as its rows. */
@Entity({ name: 'rm_projection_checkpoints' })
export class ProjectionCheckpoint {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  /** The event store's opaque log cursor; null before the first event. */
  @Column({ type: 'text', nullable: true })
  cursor!: string | null;

  /** Global position of the last event processed (for people; ordering uses `cursor`). */
  @Column({ type: 'bigint', nullable: true })
  position!: string | null;

  @Column({ type: 'bigint', name: 'events_processed', default: 0 })
  eventsProcessed!: string;

  @Column({ type: 'text', default: 'running' })
  status!: 'running' | 'failed';

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
