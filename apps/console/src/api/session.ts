/** The signed-in employee, read from the bearer token's claims (the API checks the token itself). */
export type Role = 'KPP' | 'PM' | 'RKPP' | 'ROS' | 'ANALYST' | 'ADMIN';

export interface Session {
  token: string;
  employeeId: string;
  /** РИЦ */
  ric: string;
  roles: Role[];
  /** seconds since the epoch */
  expiresAt?: number;
}

const KEY = 'ledger.console.token';

/** The token's claims, or a Russian sentence saying why it cannot be used. */
export function readToken(raw: string): Session | string {
  const token = raw.trim().replace(/^Bearer\s+/i, '');
  const parts = token.split('.');
  if (parts.length !== 3) return 'Это не токен: ожидается строка из трёх частей через точку.';
  try {
    const json = atob(parts[1]!.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
    const { sub, ric, roles, exp } = claims;
    if (typeof sub !== 'string' || typeof ric !== 'string' || !Array.isArray(roles) || roles.length === 0) {
      return 'В токене нет сотрудника, РИЦ или ролей.';
    }
    if (typeof exp === 'number' && exp * 1000 <= Date.now()) return 'Срок действия токена истёк.';
    return {
      token,
      employeeId: sub,
      ric,
      roles: roles as Role[],
      ...(typeof exp === 'number' ? { expiresAt: exp } : {}),
    };
  } catch {
    return 'Токен не читается.';
  }
}

/** Kept for the browser tab only (sessionStorage): closing the tab signs out. */
export function loadSession(): Session | null {
  const token = sessionStorage.getItem(KEY);
  if (!token) return null;
  const session = readToken(token);
  return typeof session === 'string' ? null : session;
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, session.token);
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

export const hasRole = (session: Session, ...roles: Role[]) => session.roles.some((r) => roles.includes(r));
