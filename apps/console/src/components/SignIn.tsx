import { useEffect, useState } from 'preact/hooks';
import { api, call, setApiToken } from '../api/client';
import { Role, Session, readToken } from '../api/session';
import { describedBy, Field } from './Field';
import { FormStatus } from './FormStatus';
import { label } from './labels';
import { useSubmit } from './use-submit';

/** Development tokens (CLOCK=manual only; not in the OpenAPI document, hence plain fetch). */
const DEV_TOKENS = '/api/v1/dev/tokens';

async function devToken(body: {
  employeeId: string;
  ric: string;
  roles: Role[];
}): Promise<{ token: string }> {
  const response = await fetch(DEV_TOKENS, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return call<{ token: string }>(
    response.json().then((data: unknown) => ({ response, ...(response.ok ? { data } : { error: data }) })),
  );
}

const ROLES: Role[] = ['KPP', 'PM', 'RKPP', 'ROS', 'ANALYST', 'ADMIN'];

/**
 * Sign-in with a bearer token (`npm run token`), checked by one API call before it is kept; with
 * CLOCK=manual also a form that asks the service for a development token.
 */
export function SignIn(props: { onSignIn: (session: Session) => void; expired: boolean }) {
  const [token, setToken] = useState('');
  const [devAvailable, setDevAvailable] = useState(false);
  const paste = useSubmit(['token']);
  const [tokenError, setTokenError] = useState<string | undefined>();

  useEffect(() => {
    fetch(DEV_TOKENS).then(
      (answer) => setDevAvailable(answer.ok),
      () => setDevAvailable(false),
    );
  }, []);

  const enter = async (raw: string): Promise<string> => {
    const session = readToken(raw);
    if (typeof session === 'string') {
      setTokenError(session);
      throw new Error(session);
    }
    setTokenError(undefined);
    // a token signed with another secret is refused here, not on the first page
    setApiToken(session.token);
    try {
      await call(api.GET('/api/v1/reviews/checklists'));
    } catch (error) {
      setApiToken(null);
      throw error;
    }
    props.onSignIn(session);
    return 'Вход выполнен.';
  };

  return (
    <main id="main" class="sign-in">
      <h1>Отдел дистанционного сопровождения</h1>
      {props.expired && (
        <p role="alert" class="form-problem">
          Сеанс истёк или токен отклонён — войдите снова.
        </p>
      )}
      <form
        aria-labelledby="token-title"
        onSubmit={(event) => {
          event.preventDefault();
          void paste.submit(() => enter(token));
        }}
      >
        <h2 id="token-title">Вход по токену</h2>
        <Field
          id="token"
          label="Токен доступа"
          error={tokenError ?? paste.fieldError('token')}
          hint="Выдаёт администратор: npm run token -- --sub … --ric … --role …"
        >
          <textarea
            {...describedBy('token', tokenError)}
            rows={4}
            value={token}
            required
            onInput={(e) => setToken(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" disabled={paste.busy}>
          Войти
        </button>
        {!tokenError && <FormStatus state={paste} />}
      </form>
      {devAvailable && <DevTokenForm enter={enter} />}
    </main>
  );
}

/** CLOCK=manual only: a token for any employee, role and РИЦ, from POST /api/v1/dev/tokens. */
function DevTokenForm(props: { enter: (token: string) => Promise<string> }) {
  const [employeeId, setEmployeeId] = useState('kpp-1');
  const [ric, setRic] = useState('444');
  const [role, setRole] = useState<Role>('KPP');
  const state = useSubmit(['employeeId', 'ric', 'roles']);
  return (
    <form
      aria-labelledby="dev-title"
      class="dev-token"
      onSubmit={(event) => {
        event.preventDefault();
        void state.submit(async () => {
          const answer = await devToken({ employeeId, ric, roles: [role] });
          return props.enter(answer.token);
        });
      }}
    >
      <h2 id="dev-title">Вход для разработки (CLOCK=manual)</h2>
      <Field id="dev-employee" label="Сотрудник" error={state.fieldError('employeeId')}>
        <input
          {...describedBy('dev-employee', state.fieldError('employeeId'))}
          value={employeeId}
          required
          onInput={(e) => setEmployeeId(e.currentTarget.value)}
        />
      </Field>
      <Field id="dev-ric" label="РИЦ" error={state.fieldError('ric')}>
        <input
          {...describedBy('dev-ric', state.fieldError('ric'))}
          value={ric}
          required
          onInput={(e) => setRic(e.currentTarget.value)}
        />
      </Field>
      <Field id="dev-role" label="Роль" error={state.fieldError('roles')}>
        <select
          {...describedBy('dev-role', state.fieldError('roles'))}
          value={role}
          onChange={(e) => setRole(e.currentTarget.value as Role)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {label(r)}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" disabled={state.busy}>
        Получить токен и войти
      </button>
      <FormStatus state={state} />
    </form>
  );
}
