import { createHash, randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { Actor, ClientCommand, Role } from '@ledger/domain';
import { ClientCommandEnvelope } from '@ledger/application';
import { Caller } from '../auth/auth';
import { invalidField } from './errors';

const MAX_KEY_LENGTH = 200;

/** JSON with sorted keys, so the same body hashes the same whatever order its fields came in. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

/** The role the caller acts in: the first of theirs that the action allows. */
export const actorFor = (caller: Caller, allowed: readonly Role[]): Actor => ({
  id: caller.employeeId,
  role: caller.roles.find((r) => allowed.includes(r)) ?? caller.roles[0]!,
});

export function envelopeFor(
  request: Request,
  caller: Caller,
  allowed: readonly Role[],
  clientId: string,
  command: ClientCommand,
  answer?: Record<string, unknown>,
): ClientCommandEnvelope {
  const key = request.header('idempotency-key');
  if (key !== undefined && (key.length === 0 || key.length > MAX_KEY_LENGTH)) {
    throw invalidField('Idempotency-Key', `Idempotency-Key must be 1 to ${MAX_KEY_LENGTH} characters`);
  }
  const correlation = request.header('x-correlation-id');
  return {
    ric: caller.ric,
    clientId,
    actor: actorFor(caller, allowed),
    command,
    answer,
    correlationId: correlation && correlation.length <= 100 ? correlation : randomUUID(),
    ...(key
      ? {
          idempotency: {
            key,
            requestHash: createHash('sha256')
              .update(canonical({ method: request.method, path: request.path, body: request.body ?? null }))
              .digest('hex'),
          },
        }
      : {}),
  };
}
