import { toRoubles } from '../receivables/receivables';
import { clientDebtMonths, debtOf } from '../receivables/debt';
import { ClientState, Responsible, openPromiseOf } from './state';
import type { UsageObservation } from '../usage/events';
import { DEFAULT_NECESSITY_SETTINGS, NecessitySettings } from '../indicators/contact-necessity';
import {
  CardContactNecessity,
  CardContactPerson,
  CardOpenContact,
  CardServicePoint,
  PromiseDeadlines,
  cardContactNecessity,
  cardContactPersons,
  cardOpenContacts,
  cardServicePoints,
  latestUsageWeek,
  promiseDeadlines,
} from './card';

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
    /** When its reminder call and its check (kept or broken) are due. */
    deadlines: PromiseDeadlines;
  } | null;
  openThreats: Array<{ threatId: string; type: string; raisedAt: string }>;
  /** The latest promise, open or resolved: kept, broken or corrected. */
  lastPromise: { promiseId: string; promisedOn: string; status: string } | null;
  contactPersons: CardContactPerson[];
  servicePoints: CardServicePoint[];
  openContacts: CardOpenContact[];
  contactNecessity: CardContactNecessity;
  latestUsageWeek: UsageObservation | null;
}

/** `necessity`: the РИЦ's configured weights of the contact necessity indicator. */
export function toClientView(
  state: ClientState,
  necessity: NecessitySettings = DEFAULT_NECESSITY_SETTINGS,
): ClientView | null {
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
          deadlines: promiseDeadlines(state, open),
        }
      : null,
    openThreats: state.threats
      .filter((t) => t.open)
      .map((t) => ({ threatId: t.threatId, type: t.type, raisedAt: t.raisedAt })),
    lastPromise: last
      ? { promiseId: last.promiseId, promisedOn: last.promisedOn, status: last.status }
      : null,
    contactPersons: cardContactPersons(state),
    servicePoints: cardServicePoints(state),
    openContacts: cardOpenContacts(state),
    contactNecessity: cardContactNecessity(state, necessity),
    latestUsageWeek: latestUsageWeek(state),
  };
}
