import { useEffect, useState } from 'preact/hooks';

/** The console's own routing under /console: history API, the server answers index.html for any path. */
export const BASE = '/console';

export function navigate(to: string): void {
  history.pushState(null, '', to);
  dispatchEvent(new PopStateEvent('popstate'));
}

export function useLocation(): { path: string; query: URLSearchParams } {
  const read = () => ({
    path: location.pathname.replace(/\/+$/, '') || BASE,
    query: new URLSearchParams(location.search),
  });
  const [where, setWhere] = useState(read);
  useEffect(() => {
    const update = () => setWhere(read());
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return where;
}

/** `/console/clients/:clientId` against a path: the named segments, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i]!.startsWith(':')) params[want[i]!.slice(1)] = decodeURIComponent(have[i]!);
    else if (want[i] !== have[i]) return null;
  }
  return params;
}
