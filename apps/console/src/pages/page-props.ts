import type { Session } from '../api/session';

/**
 * What the shell hands every page: the signed-in employee, the path's named segments and the
 * query string. Pages navigate with `navigate()` from ../router and call the API with ../api/client.
 */
export interface PageProps {
  session: Session;
  params: Record<string, string>;
  query: URLSearchParams;
}
