import type { CallOutcome, ContactKind } from './events';

export interface PlanContact {
  type: 'PlanContact';
  contactId: string;
  kind: ContactKind;
  reason: string;
  plannedAt: string;
  contactPersonId?: string;
  infoOccasion?: string;
  instrumentsPlanned?: string[];
}

export interface RecordCallAttempt {
  type: 'RecordCallAttempt';
  contactId: string;
  outcome: CallOutcome;
  occurredAt: string;
  durationSec?: number;
  callbackInMinutes?: 15 | 30 | 60;
}

export interface CloseContact {
  type: 'CloseContact';
  contactId: string;
  closingReason: string;
  stages: number[];
  instrumentsUsed: string[];
}

export type ContactsCommand = PlanContact | RecordCallAttempt | CloseContact;

export const CONTACTS_COMMAND_TYPES: Record<ContactsCommand['type'], true> = {
  PlanContact: true,
  RecordCallAttempt: true,
  CloseContact: true,
};
