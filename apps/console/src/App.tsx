import { useEffect, useState } from 'preact/hooks';
import { onUnauthorized, setApiToken } from './api/client';
import { Session, clearSession, hasRole, loadSession, saveSession } from './api/session';
import { Header } from './components/Header';
import { SignIn } from './components/SignIn';
import { BASE, match, navigate, useLocation } from './router';
import { ROUTES } from './sections';

/** The shell: sign-in, the role's navigation, and the page of the current path. */
export function App() {
  const [session, setSession] = useState<Session | null>(() => {
    const kept = loadSession();
    setApiToken(kept?.token ?? null);
    return kept;
  });
  const [expired, setExpired] = useState(false);
  const { path, query } = useLocation();
  // after a page change, keyboard and screen-reader users start at the new page's content
  useEffect(() => document.getElementById('main')?.focus({ preventScroll: true }), [path]);

  const signIn = (next: Session) => {
    saveSession(next);
    setApiToken(next.token);
    setExpired(false);
    setSession(next);
  };
  const signOut = () => {
    clearSession();
    setApiToken(null);
    setSession(null);
  };
  useEffect(
    () =>
      onUnauthorized(() => {
        setExpired(true);
        signOut();
      }),
    [],
  );

  if (!session) return <SignIn onSignIn={signIn} expired={expired} />;

  const home = ROUTES.find((r) => r.title && hasRole(session, ...r.roles));
  if (path === BASE && home) {
    queueMicrotask(() => navigate(home.pattern));
    return null;
  }
  const found = ROUTES.map((route) => ({ route, params: match(route.pattern, path) })).find((r) => r.params);
  return (
    <>
      <Header session={session} path={path} onSignOut={signOut} />
      <main id="main" tabIndex={-1}>
        {!found ? (
          <p role="alert">Страница не найдена.</p>
        ) : !hasRole(session, ...found.route.roles) ? (
          <p role="alert" class="form-problem">
            Этот раздел недоступен для вашей роли.
          </p>
        ) : (
          <found.route.page session={session} params={found.params!} query={query} />
        )}
      </main>
    </>
  );
}
