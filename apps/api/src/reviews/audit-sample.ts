import { createHmac } from 'node:crypto';
import { mondayOf } from '@ledger/domain';

/** A connected call that may be drawn. */
export interface SampleCall {
  clientId: string;
  contactId: string;
  employeeId: string;
  occurredAt: string;
}

export interface SampleRequest {
  ric: string;
  /** Business dates of the period, inclusive. */
  from: string;
  to: string;
  seed: string;
  /** The РИЦ's server-side secret (audit_sample_keys); never leaves the server. */
  secret: Buffer;
  /** The business date of an instant (the РИЦ's zone). */
  dateOf: (instant: string) => string;
}

/** The share of calls drawn ([001], [004]: «прослушка примерно 20 % звонков»). */
export const AUDIT_SHARE = 0.2;

/**
 * Draws about 20 % of the calls of each КПП in each week of the period (a stratum), at least one of
 * every stratum that has calls, so every КПП and every week is represented. Within a stratum the
 * calls are ordered by a keyed hash — HMAC(HMAC(secret, РИЦ|from|to), seed|client|contact) — and
 * the first ones are taken: the same arguments draw the same calls whoever asks and after any
 * rebuild, while without the secret nobody can tell in advance which calls a period will draw
 * (ADR 0056).
 */
export function drawAuditSample(calls: readonly SampleCall[], request: SampleRequest): SampleCall[] {
  const periodKey = createHmac('sha256', request.secret)
    .update(`audit-sample|${request.ric}|${request.from}|${request.to}`)
    .digest();
  const rank = (call: SampleCall) =>
    createHmac('sha256', periodKey)
      .update(`${request.seed}|${call.clientId}|${call.contactId}`)
      .digest('hex');
  const strata = new Map<string, Array<{ call: SampleCall; rank: string }>>();
  for (const call of calls) {
    const stratum = `${call.employeeId}|${mondayOf(request.dateOf(call.occurredAt))}`;
    const list = strata.get(stratum) ?? [];
    list.push({ call, rank: rank(call) });
    strata.set(stratum, list);
  }
  const drawn: SampleCall[] = [];
  for (const list of strata.values()) {
    const take = Math.max(1, Math.round(list.length * AUDIT_SHARE));
    list.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
    drawn.push(...list.slice(0, take).map((x) => x.call));
  }
  return drawn.sort(
    (a, b) =>
      a.occurredAt.localeCompare(b.occurredAt) ||
      a.clientId.localeCompare(b.clientId) ||
      a.contactId.localeCompare(b.contactId),
  );
}
