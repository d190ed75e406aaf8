import { joinId } from '../shared/ids';
import { ClientState } from './state';
import { contactPersonToCall } from './person-to-call';

/**
 * What someone has to do for a client now: the items of the КПП's daily planner (ежедневник) and of
 * the ПМ's queue that follow from the client's state. Projections store them; no rule lives there.
 */
export type WorkItemKind =
  | 'payment_reminder'
  | 'payment_follow_up'
  | 'threat'
  | 'planned_contact'
  | 'unplanned_contact'
  | 'callback'
  | 'engagement_overdue'
  | 'key_user_changed'
  | 'decision_maker_email'
  | 'decision_maker_call'
  | 'competitor_diagnostics';

export interface WorkItem {
  /** Stable within the client: the same item keeps its id while it stays open. */
  itemId: string;
  clientId: string;
  kind: WorkItemKind;
  reason?: string;
  /** The instant it is due by (a reminder: its day's start; a follow-up: end of its last day). */
  dueAt: string;
  /** From when it is on the planner (a follow-up: from the breach; a reminder: its day). */
  availableFrom: string;
  assignee: { role: 'KPP' | 'PM'; employeeId: string };
  details: Record<string, unknown>;
}

export function workItemsOf(state: ClientState): WorkItem[] {
  if (state.status !== 'registered') return [];
  const assignee = state.responsible;
  const items: WorkItem[] = [];
  for (const p of state.receivables.promises) {
    if (p.status === 'open' && (p.reminder === 'scheduled' || p.reminder === 'due') && p.reminderAt) {
      items.push({
        itemId: joinId('payment_reminder', p.promiseId),
        clientId: state.clientId,
        kind: 'payment_reminder',
        dueAt: p.reminderAt,
        availableFrom: p.reminderAt,
        assignee,
        details: {
          promiseId: p.promiseId,
          promisedOn: p.promisedOn,
          remindOn: p.remindOn,
          reminderDue: p.reminder === 'due',
        },
      });
    }
    if (p.status === 'broken' && p.followUpOpen && p.followUpDueBy) {
      items.push({
        itemId: joinId('payment_follow_up', p.promiseId),
        clientId: state.clientId,
        kind: 'payment_follow_up',
        dueAt: p.followUpDueBy,
        availableFrom: p.brokenAt ?? p.followUpDueBy,
        assignee,
        details: { promiseId: p.promiseId, promisedOn: p.promisedOn, followUpDueOn: p.followUpDueOn },
      });
    }
  }
  for (const c of Object.values(state.openContacts)) {
    const kind = c.callbackAt ? 'callback' : c.kind === 'planned' ? 'planned_contact' : 'unplanned_contact';
    const at = c.callbackAt ?? c.plannedAt;
    items.push({
      itemId: joinId('contact', c.contactId),
      clientId: state.clientId,
      kind,
      ...(c.kind === 'unplanned' || kind === 'planned_contact' ? { reason: c.reason } : {}),
      dueAt: at,
      availableFrom: at,
      assignee: c.assignee,
      details: {
        contactId: c.contactId,
        servicePointId: c.servicePointId ?? 'main',
        attempts: c.attempts,
        ...(c.lastOutcome ? { lastOutcome: c.lastOutcome } : {}),
      },
    });
  }
  if (state.engagementOverdueSince) {
    items.push({
      itemId: 'engagement_overdue',
      clientId: state.clientId,
      kind: 'engagement_overdue',
      dueAt: state.engagementOverdueSince,
      availableFrom: state.engagementOverdueSince,
      assignee: { role: 'KPP', employeeId: state.kppId },
      details: { lastEngagementMonth: state.lastEngagementMonth ?? null },
    });
  }
  // the personal manager's regular work with the decision maker [002]
  const personalManager = assignee.role === 'PM' ? assignee : { role: 'PM' as const, employeeId: state.pmId };
  if (state.decisionMakerContact) {
    const { month, step, since } = state.decisionMakerContact;
    items.push({
      itemId: joinId('decision_maker', month),
      clientId: state.clientId,
      kind: step === 'email' ? 'decision_maker_email' : 'decision_maker_call',
      dueAt: since,
      availableFrom: since,
      assignee: personalManager,
      details: { month },
    });
  }
  if (state.competitorDiagnosticsDue) {
    const { halfYear, since } = state.competitorDiagnosticsDue;
    items.push({
      itemId: joinId('competitor_diagnostics', halfYear),
      clientId: state.clientId,
      kind: 'competitor_diagnostics',
      dueAt: since,
      availableFrom: since,
      assignee: personalManager,
      // segments [002]: small/medium up to 15 000 ₽ a month, large above
      details: { halfYear, segment: state.monthlyFee > 15000 ? 'large' : 'small_medium' },
    });
  }
  if (state.keyUserChangedAt) {
    // a threat signal for the ПМ, whoever answers for the receivables
    const pm = assignee.role === 'PM' ? assignee : { role: 'PM' as const, employeeId: state.pmId };
    items.push({
      itemId: 'key_user_changed',
      clientId: state.clientId,
      kind: 'key_user_changed',
      reason: 'key_user_changed',
      dueAt: state.keyUserChangedAt,
      availableFrom: state.keyUserChangedAt,
      assignee: pm,
      details: {},
    });
  }
  if (assignee.role === 'PM') {
    for (const t of state.threats.filter((t) => t.open)) {
      items.push({
        itemId: joinId('threat', t.threatId),
        clientId: state.clientId,
        kind: 'threat',
        reason: t.type,
        dueAt: t.raisedAt,
        availableFrom: t.raisedAt,
        assignee,
        details: { threatId: t.threatId },
      });
    }
  }
  // whom to call: only the id is kept here; name and phone are read with the item, so a later
  // change or erasure of the person shows at once
  return items.map((item) => {
    const contact = state.openContacts[String(item.details['contactId'] ?? '')];
    const contactPersonId = contactPersonToCall(state, item.kind, contact?.contactPersonId);
    return contactPersonId ? { ...item, details: { ...item.details, contactPersonId } } : item;
  });
}
