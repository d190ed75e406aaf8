import type { FoldableEvent } from '../client/evolve';
import { foldClient } from '../client/evolve';
import type { ClientEvent } from '../client/events';
import { cardContactPersons, CardContactPerson } from '../client/card';
import type { HandoverSheet } from './events';
import type { HandoverReason } from './receivables';

/**
 * Лист передачи клиента as the ПМ reads it (GET /clients/{id}/handover-sheets/{threatId}): the sheet
 * the handover recorded (debt and its depth, promise history, the КПП's comment) with the invoices
 * and payments known at the handover, taken from the same stream. Contact persons are the ones the
 * sheet named, as they are now: a later change or erasure of a person shows here too.
 */
export interface HandoverSheetView {
  clientId: string;
  threatId: string;
  reason: HandoverReason;
  handedOverAt: string;
  fromKppId: string;
  toPmId: string;
  /** Whether the threat is still open (the ПМ has not returned the client). */
  threatOpen: boolean;
  debtMonths: number;
  unpaid: number;
  monthlyFee: number;
  brokenPromisesInRow: number;
  invoices: Array<{ invoiceId: string; amount: number; issuedOn: string }>;
  payments: Array<{ paymentId: string; amount: number; paidOn: string }>;
  promises: HandoverSheet['promises'];
  contactPersons: CardContactPerson[];
  kppComment?: string;
}

const is = <T extends ClientEvent['type']>(
  e: FoldableEvent,
  type: T,
): e is FoldableEvent & Extract<ClientEvent, { type: T }> => e.type === type;

/** null when the stream has no handover of this threat. `events`: the client's whole stream, in order. */
export function handoverSheetOf(
  events: readonly FoldableEvent[],
  threatId: string,
): HandoverSheetView | null {
  const at = events.findIndex((e) => is(e, 'HandedOverToPM') && e.data.threatId === threatId);
  if (at < 0) return null;
  const handover = events[at] as FoldableEvent & Extract<ClientEvent, { type: 'HandedOverToPM' }>;
  const before = events.slice(0, at);
  const invoices: HandoverSheetView['invoices'] = [];
  const payments: HandoverSheetView['payments'] = [];
  for (const e of before) {
    if (is(e, 'InvoiceIssued')) invoices.push({ ...e.data });
    else if (is(e, 'PaymentReceived')) payments.push({ ...e.data });
  }
  const now = foldClient(events);
  if (now.status !== 'registered') return null;
  const { sheet, reason, fromKppId, toPmId } = handover.data;
  const named = new Set(sheet.contacts.map((c) => c.contactPersonId));
  return {
    clientId: now.clientId,
    threatId,
    reason,
    handedOverAt: handover.metadata.occurredAt,
    fromKppId,
    toPmId,
    threatOpen: now.threats.some((t) => t.threatId === threatId && t.open),
    debtMonths: sheet.debtMonths,
    unpaid: sheet.unpaid,
    monthlyFee: sheet.monthlyFee,
    brokenPromisesInRow: sheet.brokenPromisesInRow,
    invoices,
    payments,
    promises: sheet.promises,
    contactPersons: cardContactPersons(now).filter((p) => named.has(p.contactPersonId)),
    ...(sheet.kppComment ? { kppComment: sheet.kppComment } : {}),
  };
}
