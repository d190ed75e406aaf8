import type { TransferStep } from './events';

/**
 * Lifecycle commands are transitions of the lifecycle statechart: they are decided by its machine,
 * in libs/workflows/src/lifecycle (ADR 0007), not by a second copy of its rules here.
 */
export interface RecordTransferStep {
  type: 'RecordTransferStep';
  step: TransferStep;
  /** When it happened, if earlier than now. */
  occurredAt?: string;
}

export interface LeaveRemoteService {
  type: 'LeaveRemoteService';
  to: 'left' | 'returned_to_field_service';
  reason: string;
}

export type LifecycleCommand = RecordTransferStep | LeaveRemoteService;

export const LIFECYCLE_COMMAND_TYPES: Record<LifecycleCommand['type'], true> = {
  RecordTransferStep: true,
  LeaveRemoteService: true,
};
