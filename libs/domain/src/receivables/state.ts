import type { HandoverReason, Kopecks, PromiseStatus, Streaks } from './receivables';
import { noStreaks } from './receivables';

export interface PromiseRecord {
  promiseId: string;
  promisedOn: string;
  amount?: Kopecks;
  target: Kopecks;
  paidInTime: Kopecks;
  remind: boolean;
  remindOn?: string;
  status: PromiseStatus;
  reminder: 'none' | 'scheduled' | 'due' | 'done';
  /** When the reminder call is due (its deadline's time). */
  reminderAt?: string;
  recordedEventId: string;
  recordedAt: string;
  /** Set when broken: the follow-up call is due by this instant (and on this date). */
  followUpDueBy?: string;
  followUpDueOn?: string;
  brokenEventId?: string;
  brokenAt?: string;
  /** The follow-up is over once the client pays, promises again or goes to the ПМ. */
  followUpOpen?: boolean;
}

export interface ThreatRecord {
  threatId: string;
  type: HandoverReason;
  raisedEventId: string;
  raisedAt: string;
  open: boolean;
}

export interface Receivables {
  invoiced: Kopecks;
  paid: Kopecks;
  invoiceIds: Record<string, true>;
  paymentIds: Record<string, true>;
  lastInvoiceEventId?: string;
  lastPaymentEventId?: string;
  /** Every promise, in the order recorded. */
  promises: PromiseRecord[];
  /** Where each promise is in `promises`. */
  promiseIndex: Record<string, number>;
  /**
   * Positions of the promises a payment can still count towards (open, or broken and not mended),
   * in order. Their agreed days rise: a new promise waits until the previous one is resolved.
   */
  unkept: number[];
  streaks: Streaks;
  brokenPromisesInRow: number;
  onTimeMonthsInRow: number;
}

/** The receivables' part of the client state. */
export interface ReceivablesPart {
  receivables: Receivables;
  threats: ThreatRecord[];
  lastRefusalEventId?: string;
}

export const initialReceivablesPart = (): ReceivablesPart => ({
  receivables: {
    invoiced: 0,
    paid: 0,
    invoiceIds: {},
    paymentIds: {},
    promises: [],
    promiseIndex: {},
    unkept: [],
    streaks: { ...noStreaks },
    brokenPromisesInRow: 0,
    onTimeMonthsInRow: 0,
  },
  threats: [],
});

/**
 * A copy of what `evolve` changes in place in the receivables (the client's clone sets it over one
 * spread of the whole state). Kept and corrected promises are final and never change again, so
 * they are shared; only the unkept ones (open, or broken and not mended) are copied. That keeps a
 * copy's cost to the promises still in play, not the client's whole history.
 */
export const cloneReceivables = (r: Receivables, takeIdMaps = false): Receivables => {
  const promises = [...r.promises];
  for (const i of r.unkept) promises[i] = { ...promises[i]! };
  const receivables = { ...r, promises, unkept: [...r.unkept], streaks: { ...r.streaks } };
  // the id maps only grow with history: shared here, copied on the first write (`ownedMap`) unless
  // the caller gives the original up (`takeIdMaps`): then the copy extends them in place
  if (takeIdMaps) ownMaps.set(receivables, new Set(GROWING_MAPS));
  return receivables;
};

const GROWING_MAPS = ['invoiceIds', 'paymentIds', 'promiseIndex'] as const;
type GrowingMap = (typeof GROWING_MAPS)[number];
/** Which of its growing maps a Receivables object has copied for itself since it was cloned. */
const ownMaps = new WeakMap<Receivables, Set<GrowingMap>>();

/** A map of `r` that it may change: copied the first time after `r` was made by a clone. */
export function ownedMap<K extends GrowingMap>(r: Receivables, key: K): Receivables[K] {
  let owned = ownMaps.get(r);
  if (!owned) ownMaps.set(r, (owned = new Set()));
  if (!owned.has(key)) {
    r[key] = { ...r[key] } as Receivables[K];
    owned.add(key);
  }
  return r[key];
}

export const openPromiseOf = (part: ReceivablesPart): PromiseRecord | undefined =>
  part.receivables.promises.find((p) => p.status === 'open');
