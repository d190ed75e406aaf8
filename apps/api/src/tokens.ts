/** Nest injection tokens of the API's own wiring. */
export const LEDGER_RUNTIME = Symbol('LedgerRuntime');
/** `(ric) => BusinessTime`: the РИЦ's zone and production calendar. */
export const BUSINESS_TIME = Symbol('BusinessTime');
/** The contact reason and closing codes in force (defaults plus configuration). */
export const CONTACT_CODES = Symbol('ContactCodes');
