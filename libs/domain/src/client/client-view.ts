import { toRoubles } from '../receivables/receivables';
import { clientDebtMonths, debtOf } from '../receivables/debt';
import { ClientState, Responsible, openPromiseOf } from './state';

/** The answer of GET /clients/{id} and GET /clients/{id}/state (API.md). */
export interface ClientView {
  clientId: string;
  ric: string;
  name: string;
  inn?: string;
  category: string;
  monthlyFee: number;
  kppId: string;
  pmId: string;
  contactCadence: string;
  billingDay: number;
  lifecycle: string;
  responsible: Responsible;
  unpaid: number;
  debtMonths: number;
  brokenPromisesInRow: number;
  onTimeMonthsInRow: number;
  openPromise: {
    promiseId: string;
    promisedOn: string;
    remind: boolean;
    remindOn?: string;
    amount?: number;
    target: number;
    paidInTime: number;
  } | null;
  openThreats: Array<{ threatId: string; type: string; raisedAt: string }>;
  /** The latest promise, open or resolved: kept, broken or corrected. */
  lastPromise: { promiseId: string; promisedOn: string; status: string } | null;
}

export function toClientView(state: ClientState): ClientView | null {
  if (state.status !== 'registered') return null;
  const r = state.receivables;
  const { unpaid } = debtOf(state);
  const open = openPromiseOf(state);
  const last = r.promises[r.promises.length - 1];
  return {
    clientId: state.clientId,
    ric: state.ric,
    name: state.name,
    ...(state.inn ? { inn: state.inn } : {}),
    category: state.category,
    monthlyFee: state.monthlyFee,
    kppId: state.kppId,
    pmId: state.pmId,
    contactCadence: state.contactCadence,
    billingDay: state.billingDay,
    lifecycle: state.lifecycle,
    responsible: state.responsible,
    unpaid: toRoubles(unpaid),
    debtMonths: clientDebtMonths(state),
    brokenPromisesInRow: r.brokenPromisesInRow,
    onTimeMonthsInRow: r.onTimeMonthsInRow,
    openPromise: open
      ? {
          promiseId: open.promiseId,
          promisedOn: open.promisedOn,
          remind: open.remind,
          ...(open.remindOn ? { remindOn: open.remindOn } : {}),
          ...(open.amount !== undefined ? { amount: toRoubles(open.amount) } : {}),
          target: toRoubles(open.target),
          paidInTime: toRoubles(open.paidInTime),
        }
      : null,
    openThreats: state.threats
      .filter((t) => t.open)
      .map((t) => ({ threatId: t.threatId, type: t.type, raisedAt: t.raisedAt })),
    lastPromise: last
      ? { promiseId: last.promiseId, promisedOn: last.promisedOn, status: last.status }
      : null,
  };
}
