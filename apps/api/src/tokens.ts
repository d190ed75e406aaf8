/** Nest injection tokens of the API's own wiring. */
export const LEDGER_RUNTIME = Symbol('LedgerRuntime');
/** `(ric) => BusinessTime`: the РИЦ's zone and production calendar. */
export const BUSINESS_TIME = Symbol('BusinessTime');
