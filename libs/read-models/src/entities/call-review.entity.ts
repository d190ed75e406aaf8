import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One call review (CallReviewed), for the reports on reviews (rm_call_reviews). */
@Entity({ name: 'rm_call_reviews' })
@Index('rm_call_reviews_connected', ['ric', 'connectedAt'])
export class CallReviewRecord {
  @PrimaryColumn({ type: 'text' })
  ric!: string;

  @PrimaryColumn({ type: 'text', name: 'client_id' })
  clientId!: string;

  @PrimaryColumn({ type: 'text', name: 'review_id' })
  reviewId!: string;

  @Column({ type: 'text', name: 'contact_id' })
  contactId!: string;

  @Column({ type: 'text' })
  sheet!: string;

  /** Item code → 0–2. */
  @Column({ type: 'jsonb' })
  scores!: Record<string, number>;

  /** Percent of the highest possible. */
  @Column({ type: 'numeric', precision: 5, scale: 1 })
  score!: string;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'text', name: 'employee_role' })
  employeeRole!: string;

  @Column({ type: 'text', name: 'employee_id' })
  employeeId!: string;

  @Column({ type: 'timestamptz', name: 'connected_at' })
  connectedAt!: Date;

  @Column({ type: 'text', name: 'reviewer_id' })
  reviewerId!: string;

  @Column({ type: 'timestamptz', name: 'reviewed_at' })
  reviewedAt!: Date;

  /** Global log position of the review (orders reviews in answers). */
  @Column({ type: 'bigint' })
  position!: string;
}
