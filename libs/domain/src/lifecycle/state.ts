/** Client lifecycle (SPEC §3.1). */
export type Lifecycle =
  'candidate' | 'transferring' | 'active' | 'escalated' | 'left' | 'returned_to_field_service';

export interface TransferProgress {
  startedAt?: string;
  letterSentAt?: string;
  engineerVisitAt?: string;
  firstRemoteCallAt?: string;
}

export interface LifecyclePart {
  lifecycle: Lifecycle;
  transfer: TransferProgress;
}

/** On remote service: its contacts, engagement and the ПМ's regular work are owed. */
export const isServed = (part: LifecyclePart): boolean =>
  part.lifecycle === 'active' || part.lifecycle === 'escalated';
