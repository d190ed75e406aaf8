import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, FieldProblem } from './problems';

let token: string | null = null;
const listeners = new Set<() => void>();

/** The bearer token every call carries (the console's static files need none). */
export function setApiToken(next: string | null): void {
  token = next;
}

/** Called on every 401: the token expired or was refused. */
export function onUnauthorized(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The API typed from its OpenAPI document (schema.d.ts, generated: `npm run console:schema`). */
export const api = createClient<paths>({ baseUrl: '' });

api.use({
  onRequest({ request }) {
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
});

interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** Awaits a call; answers its body, or throws an ApiError with the API's details and rule. */
export async function call<T>(pending: Promise<Answer>): Promise<T> {
  let answer: Answer;
  try {
    answer = await pending;
  } catch {
    throw new ApiError(0, 'network');
  }
  if (answer.response.ok) return answer.data as T;
  const body = (answer.error ?? {}) as {
    error?: unknown;
    message?: unknown;
    details?: unknown;
    rule?: unknown;
  };
  const message =
    typeof body.error === 'string' ? body.error : typeof body.message === 'string' ? body.message : '';
  const details = Array.isArray(body.details) ? (body.details as FieldProblem[]) : [];
  if (answer.response.status === 401) listeners.forEach((listener) => listener());
  throw new ApiError(
    answer.response.status,
    message,
    details,
    typeof body.rule === 'string' ? body.rule : undefined,
  );
}
