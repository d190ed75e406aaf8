/**
 * The statistics a simulated РИЦ-year is drawn from. Figures from the seeds cite them ([00N] is
 * /work/shared/seeds/00N_*.txt, with the line); the rest are modelling choices (ADR 0075).
 */

/** [001] l.212: «у 2-х = по 70 клиентов - среднее количество наборов номера 24-27 штук» (a day). */
export const CLIENTS_PER_KPP = 70;
export const DIALS_PER_DAY = { min: 24, max: 27 } as const;

/** [001] l.216: «воронка дозвона = 71-75% от наборов номера»; each КПП has their own rate. */
export const CONNECTED_SHARE = { min: 0.71, max: 0.75 } as const;

/** [001] l.218: calls over 4 minutes are «19-25% от наборов номера или 25-36% от состоявшихся». */
export const LONG_SHARE_OF_DIALS = { min: 0.19, max: 0.25 } as const;
export const LONG_CALL_SEC = 4 * 60;

/** [001] l.220: mean length of calls over 4 minutes «8 - 9 - 11 - 11 минут у разных звонарей». */
export const LONG_MEAN_SEC = { min: 8 * 60, max: 11 * 60 } as const;

/** [001] l.222: mean length of calls of 1 to 4 minutes «от 1:30 до 1:50». */
export const SHORT_MEAN_SEC = { min: 90, max: 110 } as const;

/** Connected calls under a minute (a wrong person, «перезвоните»): a choice; they count as connected. */
export const UNDER_A_MINUTE_SHARE_OF_CONNECTED = 0.08;

/** [004] outcomes besides connecting: of the failed dials, how many found someone but not the person. */
export const PERSON_ABSENT_SHARE_OF_FAILED = 0.3;
/** [004] «с входом в систему»: of connected calls, how many had the user log in during the call. */
export const WITH_LOGIN_SHARE_OF_CONNECTED = 0.15;
/** A failed dial asks for a callback (+15/+30/+60 min presets [004]) this often. */
export const CALLBACK_SHARE_OF_FAILED = 0.35;

/** [001] l.34: 4 hours of calls a day from 9:00; dials are spread over the working day. */
export const WORKDAY_START_HOUR = 9;
export const WORKDAY_HOURS = 8;

/** [001] l.34: a ПМ carries 144–192 clients. */
export const CLIENTS_PER_PM = 168;

/**
 * Contact cadence per service point [001][003]: weekly is the norm («1 раз в неделю с точкой
 * обслуживания», [001] l.34); the mix is a choice that keeps the dials of [001] in range.
 */
export const CADENCE_MIX = { weekly: 0.7, twice_weekly: 0.05, biweekly: 0.17, monthly: 0.08 } as const;
/** [001] l.34 «есть клиенты многоточечники»: a second service point for some. */
export const SECOND_SERVICE_POINT_SHARE = 0.08;

/** Client categories (SPEC §4 training norms A 80 %, B/C 50 %): a choice. */
export const CATEGORY_MIX = { A: 0.2, B: 0.45, C: 0.35 } as const;
/** Monthly fee in roubles; [002] splits small/medium (≤ 15 000) from large (> 15 000). */
export const FEE_ROUBLES = { min: 4_000, max: 30_000, step: 500 } as const;

/**
 * Loyalty segments [000]: the dynamics table (l.70–85, 131 client-weeks) has blue 41, green 38,
 * yellow 37, red 15. A client keeps its segment most weeks and slips out of it now and then.
 */
export const SEGMENT_MIX = { blue: 41, green: 38, yellow: 37, red: 15 } as const;
export const SEGMENT_STAY = 0.85;
/** [000]: about a quarter of clients have no login data (entered by hand): logins unknown. */
export const NO_LOGIN_DATA_SHARE = 0.25;

/**
 * Payment behaviour (SPEC §3.2 rules; the shares are a choice): most pay their invoice within days,
 * some only after a promise, a few let the debt grow until the ПМ takes them.
 */
export const PAYER_MIX = { prompt: 0.62, promiser: 0.28, slipping: 0.1 } as const;
/** Chance a promise is kept, by kind of payer. */
export const PROMISE_KEPT = { prompt: 0.95, promiser: 0.75, slipping: 0.35 } as const;
/** Chance a debtor reached by phone refuses to name a date (handover reason 1). */
export const REFUSAL_SHARE = 0.04;
/** Chance the client wants a reminder call before the agreed day. */
export const REMINDER_SHARE = 0.5;

/** [004] «Аудит» ~20 % of calls drawn for review. */
export const REVIEWED_SHARE_OF_CONNECTED = 0.2;

/** Turnover over the year: new clients transferred each week, clients leaving each week (a choice). */
export const JOINING_SHARE_PER_WEEK = 0.004;
export const LEAVING_SHARE_PER_WEEK = 0.0015;
/** Of those leaving, the share returned to field service (СИО) rather than leaving the РИЦ. */
export const RETURNED_TO_FIELD_SHARE = 0.4;

/** Clients reached get their engagement stage (4 or 5) in most calls: «в каждом звонке» [004]. */
export const ENGAGEMENT_IN_CALL_SHARE = 0.7;
