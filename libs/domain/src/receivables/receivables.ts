import { monthOf, nextMonth } from '../shared/dates';

/**
 * Receivables (ДЗ) and who answers for them — the rules of SPEC §3.2, source [001]
 * «Процесс работы ПМ и КПП (СИО) с ДЗ». Plain functions over plain data; money in kopecks.
 */

/** КПП answers for a client while debtMonths < 2.8; from 2.8 on it is the ПМ's («2,8 месячник»). */
export const PM_DEBT_MONTHS = 2.8;
/** The ПМ hands a client back after this many calendar months in a row paid on the agreed date. */
export const ON_TIME_MONTHS_TO_RETURN = 2;
/** A client who broke this many promises in a row goes to the ПМ as a threat. */
export const BROKEN_PROMISES_TO_HAND_OVER = 2;

export type Kopecks = number;

export const toKopecks = (roubles: number): Kopecks => Math.round(roubles * 100);
export const toRoubles = (kopecks: Kopecks): number => kopecks / 100;

/** Unpaid invoiced amount; an overpayment is a credit, not a negative debt. */
export const unpaidAmount = (invoiced: Kopecks, paid: Kopecks): Kopecks => Math.max(0, invoiced - paid);

/** What the client owes against what it pays a month, in kopecks: the facts every debt rule reads. */
export interface Debt {
  unpaid: Kopecks;
  monthlyFee: Kopecks;
}

/**
 * Debt depth in months, including the current month (its invoice is issued on the billing day):
 * unpaid / monthly fee, rounded half-up to two decimals. For showing only: the rules compare the
 * exact amounts (`isPmDebt`), so 2.796 months — shown as 2.80 — still stays with the КПП.
 */
export function debtMonths(unpaid: Kopecks, monthlyFee: Kopecks): number {
  if (monthlyFee <= 0 || unpaid <= 0) return 0;
  const hundredths = (BigInt(unpaid) * 200n + BigInt(monthlyFee)) / (2n * BigInt(monthlyFee));
  return Number(hundredths) / 100;
}

export const debtMonthsOf = (debt: Debt): number => debtMonths(debt.unpaid, debt.monthlyFee);

/**
 * ДЗ ≥ 2,8 мес: the ПМ's client. [001]: the КПП keeps debts «меньше (но не равна) 2,8 мес», so the
 * comparison is exact — unpaid ≥ 2.8 × fee, i.e. 10 × unpaid ≥ 28 × fee in whole kopecks.
 */
export const isPmDebt = (debt: Debt): boolean =>
  debt.monthlyFee > 0 && debt.unpaid * 10 >= debt.monthlyFee * (PM_DEBT_MONTHS * 10);

/** Debt over one month including the current one ([001] trigger 7): more than a month's fee unpaid. */
export const debtOverOneMonth = (debt: Debt, months = 1): boolean =>
  debt.monthlyFee > 0 && debt.unpaid * 100 > debt.monthlyFee * Math.round(months * 100);

// ---- dates (calendar dates 'YYYY-MM-DD' in the РИЦ's zone) ----

const parse = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return { y: y!, m: m!, d: d! };
};
const format = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * The billing dates after `after` up to and including `until`: the invoices that will be issued
 * in that time (billing day 1–28 exists in every month).
 */
export function billingDatesBetween(after: string, until: string, billingDay: number): string[] {
  const dates: string[] = [];
  let { y, m } = parse(after);
  for (;;) {
    const date = format(y, m, billingDay);
    if (date > until) return dates;
    if (date > after) dates.push(date);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
}

/**
 * The debt on `date` if nothing is paid until then: today's unpaid amount plus the invoices the fee
 * and billing day will bring after `today`, up to and including `date` (rule 2 of the handover).
 */
export function projectedDebt(debt: Debt, billingDay: number, today: string, date: string): Debt {
  const invoices = billingDatesBetween(today, date, billingDay).length;
  return { unpaid: debt.unpaid + invoices * debt.monthlyFee, monthlyFee: debt.monthlyFee };
}

// ---- payment promises (договорённости об оплате) ----

export type PromiseStatus = 'open' | 'kept' | 'broken' | 'corrected';

export interface PromiseTerms {
  promisedOn: string;
  /** What must be paid by the agreed day: the promised amount, or the whole debt when none was named. */
  target: Kopecks;
  /** Paid with a value date on or before the agreed day, since the promise was made. */
  paidInTime: Kopecks;
}

/** What counts towards a promise: a payment received after it, with value date ≤ the agreed day. */
export const countsTowardsPromise = (promisedOn: string, paidOn: string): boolean => paidOn <= promisedOn;

/** A promise is kept once payments dated in time cover the promised amount (or the debt). */
export const isCovered = (terms: PromiseTerms): boolean => terms.paidInTime >= terms.target;

/** Outcome of a resolved promise, for the streaks: a corrected breach counts as kept. */
export interface PromiseOutcome {
  promisedOn: string;
  kept: boolean;
}

/**
 * The two streaks, stepped promise by promise in agreed-day order: broken promises in a row (reset
 * by a kept one), and calendar months in a row in which the client paid on the agreed date (every
 * promise of each month kept, no month skipped, none broken since).
 */
export interface Streaks {
  brokenPromisesInRow: number;
  onTimeMonthsInRow: number;
  lastMonth: string | null;
  lastMonthBroken: boolean;
  lastAgreedDay: string | null;
}

export const noStreaks: Streaks = {
  brokenPromisesInRow: 0,
  onTimeMonthsInRow: 0,
  lastMonth: null,
  lastMonthBroken: false,
  lastAgreedDay: null,
};

/** The streaks after one more resolved promise (agreed day not before the last one's). */
export function stepStreaks(streaks: Streaks, outcome: PromiseOutcome): Streaks {
  const month = monthOf(outcome.promisedOn);
  const lastAgreedDay = outcome.promisedOn;
  if (!outcome.kept) {
    return {
      brokenPromisesInRow: streaks.brokenPromisesInRow + 1,
      onTimeMonthsInRow: 0,
      lastMonth: month,
      lastMonthBroken: true,
      lastAgreedDay,
    };
  }
  const brokenPromisesInRow = 0;
  if (month === streaks.lastMonth) {
    // another kept promise in a month already counted, or spoilt by a broken one
    return { ...streaks, brokenPromisesInRow, lastAgreedDay };
  }
  const continues =
    streaks.lastMonth !== null && !streaks.lastMonthBroken && nextMonth(streaks.lastMonth) === month;
  return {
    brokenPromisesInRow,
    onTimeMonthsInRow: continues ? streaks.onTimeMonthsInRow + 1 : 1,
    lastMonth: month,
    lastMonthBroken: false,
    lastAgreedDay,
  };
}

/** The streaks of all resolved promises (after a correction changed an earlier outcome). */
export const streaksOf = (outcomes: readonly PromiseOutcome[]): Streaks =>
  [...outcomes].sort(byAgreedDay).reduce(stepStreaks, noStreaks);

/** Broken promises in a row, latest first (reset by a kept one). */
export const brokenPromisesInRow = (outcomes: readonly PromiseOutcome[]): number =>
  streaksOf(outcomes).brokenPromisesInRow;

/** Calendar months in a row in which the client paid on the agreed date. */
export const onTimeMonthsInRow = (outcomes: readonly PromiseOutcome[]): number =>
  streaksOf(outcomes).onTimeMonthsInRow;

const byAgreedDay = (a: PromiseOutcome, b: PromiseOutcome) =>
  a.promisedOn < b.promisedOn ? -1 : a.promisedOn > b.promisedOn ? 1 : 0;

// ---- who answers for the receivables ----

export type HandoverReason =
  'payment_date_refused' | 'promise_beyond_limit' | 'broken_promises_twice' | 'debt_limit_reached' | 'manual';

/** The ПМ hands back only when the threat is lifted: debt below 2.8 and two months in a row paid on time. */
export const threatLifted = (debt: Debt, onTimeMonths: number): boolean =>
  !isPmDebt(debt) && onTimeMonths >= ON_TIME_MONTHS_TO_RETURN;
