import type { Session } from '../api/session';
import { hasRole } from '../api/session';
import { ROUTES } from '../sections';
import { label } from './labels';
import { Link } from './Link';

/** The top bar: skip link, the sections the role may open, who is signed in. */
export function Header(props: { session: Session; path: string; onSignOut: () => void }) {
  const { session } = props;
  const sections = ROUTES.filter((r) => r.title && hasRole(session, ...r.roles));
  return (
    <header class="top">
      <a class="skip" href="#main">
        К содержимому
      </a>
      <nav aria-label="Разделы">
        <ul>
          {sections.map((s) => (
            <li key={s.pattern}>
              <Link href={s.pattern} current={props.path.startsWith(s.pattern)}>
                {s.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div class="who">
        <span>
          {session.employeeId} · {session.roles.map(label).join(', ')} · РИЦ {session.ric}
        </span>
        <button type="button" onClick={props.onSignOut}>
          Выйти
        </button>
      </div>
    </header>
  );
}
