/** Events of the transfer to remote service and of leaving it (SPEC §3.1, [003]). */
import type { ClientCategory } from '../registration/events';

export type TransferStep = 'letter_and_ros_call' | 'final_engineer_visit' | 'first_remote_call';

/** Selection criteria recorded when the transfer starts [003]. */
export interface TransferToRemoteServiceStarted {
  type: 'TransferToRemoteServiceStarted';
  data: { criteria: { category: ClientCategory; debtMonths: number; monthlyFee: number } };
}

/** Step 1: the info letter and the РОС's call. */
export interface TransferLetterSent {
  type: 'TransferLetterSent';
  data: Record<string, never>;
}

/** Step 2: the service engineer's (СИО) last visit. */
export interface FinalEngineerVisitCompleted {
  type: 'FinalEngineerVisitCompleted';
  data: Record<string, never>;
}

/** Step 3: the first remote call (acquaintance and diagnostics): the client is on remote service. */
export interface FirstRemoteCallCompleted {
  type: 'FirstRemoteCallCompleted';
  data: { kppId: string };
}

/** The client leaves remote service: it stops, or goes back to field service (СИО visits). */
export interface ClientLeftRemoteService {
  type: 'ClientLeftRemoteService';
  data: { to: 'left' | 'returned_to_field_service'; reason: string };
}

export type LifecycleEvent =
  | TransferToRemoteServiceStarted
  | TransferLetterSent
  | FinalEngineerVisitCompleted
  | FirstRemoteCallCompleted
  | ClientLeftRemoteService;

export const LIFECYCLE_EVENT_TYPES: Record<LifecycleEvent['type'], true> = {
  TransferToRemoteServiceStarted: true,
  TransferLetterSent: true,
  FinalEngineerVisitCompleted: true,
  FirstRemoteCallCompleted: true,
  ClientLeftRemoteService: true,
};
