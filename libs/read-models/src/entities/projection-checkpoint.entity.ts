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

  /**
   * running; failed: its last batch failed and is retried with backoff; parked: stopped at one event
   * (it kept failing or its type is unknown) until an ADMIN retries or skips it.
   */
  @Column({ type: 'text', default: 'running' })
  status!: 'running' | 'failed' | 'parked';

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError!: string | null;

  /** The projection's version its rows were built with; another version rebuilds it. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ type: 'bigint', name: 'parked_position', nullable: true })
  parkedPosition!: string | null;

  @Column({ type: 'text', name: 'parked_stream', nullable: true })
  parkedStream!: string | null;

  @Column({ type: 'text', name: 'parked_event_id', nullable: true })
  parkedEventId!: string | null;

  @Column({ type: 'text', name: 'parked_type', nullable: true })
  parkedType!: string | null;

  @Column({ type: 'timestamptz', name: 'parked_at', nullable: true })
  parkedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
