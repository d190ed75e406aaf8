import { formatDuration } from '@ledger/platform';

/**
 * Why a verified token's lifetime is refused, or null. A token must carry `exp` (one without it would
 * be accepted forever), and live at most `maxSeconds` from `iat` (or from now when it has no `iat`,
 * so leaving `iat` out does not widen the limit).
 */
export function tokenLifetimeProblem(
  claims: { exp?: unknown; iat?: unknown },
  nowSeconds: number,
  maxSeconds: number,
): string | null {
  const max = formatDuration(maxSeconds);
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) {
    return `the bearer token has no expiry (exp); tokens must expire within ${max}`;
  }
  const issued = typeof claims.iat === 'number' && Number.isFinite(claims.iat) ? claims.iat : nowSeconds;
  const lifetime = claims.exp - Math.min(issued, nowSeconds);
  if (lifetime > maxSeconds) {
    return `the bearer token lives ${formatDuration(lifetime)}, longer than the allowed ${max} (AUTH_MAX_TOKEN_TTL)`;
  }
  return null;
}
