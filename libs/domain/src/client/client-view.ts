import { ClientState, Responsible } from './client-state';

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
  debtMonths: number;
  brokenPromisesInRow: number;
  onTimeMonthsInRow: number;
  openPromise: { promiseId: string; promisedOn: string; remind: boolean; amount?: number } | null;
  openThreats: Array<{ threatId: string; type: string }>;
}

export function toClientView(state: ClientState): ClientView | null {
  if (state.status !== 'registered') return null;
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
    debtMonths: 0,
    brokenPromisesInRow: 0,
    onTimeMonthsInRow: 0,
    openPromise: null,
    openThreats: [],
  };
}
