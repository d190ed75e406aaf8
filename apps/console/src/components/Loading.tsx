import type { ComponentChildren } from 'preact';
import { describeProblem } from '../api/problems';

/** What a page shows while its data loads or when it cannot. */
export function Loading(props: { error: unknown; loading: boolean; children?: ComponentChildren }) {
  if (props.error)
    return (
      <p class="form-problem" role="alert">
        {describeProblem(props.error)}
      </p>
    );
  if (props.loading) return <p aria-busy="true">Загрузка…</p>;
  return <>{props.children}</>;
}
