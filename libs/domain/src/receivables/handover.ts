import type { CommandContext } from '../shared/roles';
import type { DecidedEvent } from '../shared/decided-event';
import type { RegisteredClient } from '../client/state';
import type { HandoverSheet } from './events';
import { HandoverReason, toRoubles } from './receivables';
import { clientDebtMonths, debtOf } from './debt';

/** Лист передачи клиента, from the state at the handover. */
export function handoverSheet(client: RegisteredClient, kppComment?: string): HandoverSheet {
  const r = client.receivables;
  return {
    unpaid: toRoubles(debtOf(client).unpaid),
    debtMonths: clientDebtMonths(client),
    monthlyFee: client.monthlyFee,
    promises: r.promises.map((p) => ({
      promiseId: p.promiseId,
      promisedOn: p.promisedOn,
      ...(p.amount !== undefined ? { amount: toRoubles(p.amount) } : {}),
      target: toRoubles(p.target),
      status: p.status,
    })),
    brokenPromisesInRow: r.brokenPromisesInRow,
    contacts: Object.values(client.contactPersons).map((p) => ({
      contactPersonId: p.contactPersonId,
      name: p.name,
      roles: p.roles,
      phones: p.phones,
      emails: p.emails,
    })),
    ...(kppComment ? { kppComment } : {}),
  };
}

/**
 * A handover to the ПМ as a threat: the threat, then the handover with its sheet. The same for a
 * person's decision (`manual`) and for a rule that fired (then `rule` and `evidence` are set).
 */
export function handoverEvents(
  client: RegisteredClient,
  context: CommandContext,
  reason: HandoverReason,
  toPmId: string,
  evidence: string[],
  comment?: string,
): DecidedEvent[] {
  const threatId = context.newEventId();
  const automatic = reason !== 'manual';
  const because = automatic ? { rule: `receivables.${reason}` as const, evidence } : {};
  return [
    {
      type: 'ThreatRaised',
      eventId: threatId,
      data: { threatId, threatType: reason, ...(comment ? { comment } : {}) },
      ...because,
    },
    {
      type: 'HandedOverToPM',
      eventId: context.newEventId(),
      data: {
        threatId,
        reason,
        fromKppId: client.responsible.role === 'KPP' ? client.responsible.employeeId : client.kppId,
        toPmId,
        sheet: handoverSheet(client, comment),
      },
      ...because,
    },
  ];
}
