/** Socket errors of a database that is not there (down, restarting, unreachable). */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** SQLSTATEs of a server that is shutting down, starting up, or recovering from a crash. */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03']);
/** node-postgres' own messages for a connection that went away or never came. */
const CLIENT_MESSAGES = [
  /connection terminated/i,
  /Connection terminated unexpectedly/i,
  /Client has encountered a connection error/i,
  /timeout exceeded when trying to connect/i,
  /Client was closed and is not queryable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

/**
 * Whether `error` says the database is unavailable (an outage that ends by itself: answer 503 and
 * retry later) rather than that a statement failed. Looks through wrappers (TypeORM's
 * `driverError`, `cause`, AggregateError's `errors`).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof e.code === 'string') {
    if (SOCKET_CODES.has(e.code) || SERVER_CODES.has(e.code) || e.code.startsWith('08')) return true;
  }
  if (typeof e.message === 'string' && CLIENT_MESSAGES.some((m) => m.test(e.message as string))) return true;
  const inner = [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  return inner.some((i) => isDatabaseUnavailable(i, depth + 1));
}
