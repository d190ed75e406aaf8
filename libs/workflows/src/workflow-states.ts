import { ClientState, isServed, toRoubles } from '@ledger/domain';
import { promiseMachineStateOf } from './payment-promise/workflow';
import { lifecycleMachineStateOf } from './lifecycle/workflow';

/** A machine's state value as one string: `{ transferring: 'letterSent' }` → `transferring.letterSent`. */
const valueOf = (value: string | Record<string, string>): string =>
  typeof value === 'string' ? value : Object.entries(value).map(([k, v]) => `${k}.${v}`)[0]!;

/**
 * Each workflow's state as the machines see it (they are restored from the folded client state,
 * ADR 0007), with open deadlines, contacts and callbacks: for `GET /clients/{id}/state?at=` (SPEC §6).
 */
export function workflowsOf(state: ClientState) {
  if (state.status !== 'registered') return null;
  const served = isServed(state) ? 'served' : 'off';
  const contacts = Object.values(state.openContacts).sort(
    (a, b) => a.plannedAt.localeCompare(b.plannedAt) || a.contactId.localeCompare(b.contactId),
  );
  return {
    lifecycle: { state: valueOf(lifecycleMachineStateOf(state)), lifecycle: state.lifecycle },
    responsibility: { state: state.responsible.role === 'PM' ? 'pm' : 'kpp', responsible: state.responsible },
    promises: state.receivables.promises.map((p) => ({
      promiseId: p.promiseId,
      promisedOn: p.promisedOn,
      state: promiseMachineStateOf(p),
      target: toRoubles(p.target),
      paidInTime: toRoubles(p.paidInTime),
      ...(p.reminderAt ? { reminderAt: p.reminderAt } : {}),
      ...(p.followUpOpen && p.followUpDueBy ? { followUpDueBy: p.followUpDueBy } : {}),
    })),
    engagement: {
      state: served,
      ...(state.lastEngagementMonth ? { lastEngagementMonth: state.lastEngagementMonth } : {}),
      ...(state.engagementOverdueSince ? { overdueSince: state.engagementOverdueSince } : {}),
    },
    contactCadence: { state: served },
    pmWork: {
      state: served,
      ...(state.decisionMakerContact ? { decisionMakerContact: state.decisionMakerContact } : {}),
      ...(state.competitorDiagnosticsDue ? { competitorDiagnosticsDue: state.competitorDiagnosticsDue } : {}),
    },
    deadlines: Object.entries(state.deadlines)
      .map(([deadlineId, d]) => ({
        deadlineId,
        kind: d.kind,
        dueAt: d.dueAt,
        ...(d.promiseId ? { promiseId: d.promiseId } : {}),
      }))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.deadlineId.localeCompare(b.deadlineId)),
    openContacts: contacts.map((c) => ({
      contactId: c.contactId,
      kind: c.kind,
      reason: c.reason,
      plannedAt: c.plannedAt,
      assignee: c.assignee,
      attempts: c.attempts,
      ...(c.lastOutcome ? { lastOutcome: c.lastOutcome } : {}),
      ...(c.callbackAt ? { callbackAt: c.callbackAt } : {}),
    })),
    callbacks: contacts
      .filter((c) => c.callbackAt)
      .map((c) => ({ contactId: c.contactId, callbackAt: c.callbackAt!, assignee: c.assignee })),
  };
}

export type WorkflowsView = NonNullable<ReturnType<typeof workflowsOf>>;
