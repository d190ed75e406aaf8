import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** The error bodies of http/errors.ts and the command answer, as the OpenAPI document's shared schemas. */

export type Schema = SchemaObject;
export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` }) as Schema;

/** The error bodies of http/errors.ts, shared by every operation (API.md "Rules for every request"). */
export const ERROR_SCHEMAS: Record<string, Schema> = {
  Error: {
    type: 'object',
    description: 'Every error answer: what went wrong, in words.',
    required: ['error'],
    properties: { error: { type: 'string' } },
  },
  FieldProblem: {
    type: 'object',
    required: ['field', 'message'],
    properties: {
      field: { type: 'string', description: 'dotted path of the bad field, e.g. observations.0.weekStart' },
      message: { type: 'string' },
    },
  },
  InvalidInput: {
    type: 'object',
    description: '400: each bad field (body, query, path or header) named with its problem.',
    required: ['error', 'details'],
    properties: {
      error: { type: 'string' },
      details: { type: 'array', items: ref('FieldProblem') },
    },
  },
  Forbidden: {
    type: 'object',
    description:
      '403: the role does not allow the action (`{ error }`), or the access policy refused a КПП or ПМ ' +
      'who does not serve the client (`{ error, rule }`).',
    required: ['error'],
    properties: { error: { type: 'string' }, rule: { type: 'string' } },
  },
  NotFound: {
    type: 'object',
    description:
      '404: unknown here (a client of another РИЦ is answered the same); `rule` when a command found ' +
      'nothing to act on.',
    required: ['error'],
    properties: { error: { type: 'string' }, rule: { type: 'string' } },
  },
  Conflict: {
    type: 'object',
    description: '409: a business rule refused the command; nothing was appended.',
    required: ['error', 'rule'],
    properties: { error: { type: 'string' }, rule: { type: 'string' } },
  },
  Unavailable: {
    type: 'object',
    description:
      '503 with Retry-After: the database is unavailable, or `?minPosition` was not reached in 5 s, or a ' +
      'parked projection will not reach it (`projections` names them).',
    required: ['error'],
    properties: { error: { type: 'string' }, projections: { type: 'array', items: { type: 'string' } } },
  },
  CommandAnswer: {
    type: 'object',
    description: 'Every successful command (API.md): the client stream’s version and the global position.',
    required: ['streamVersion', 'position'],
    properties: {
      streamVersion: { type: 'integer', minimum: 0 },
      position: {
        type: 'string',
        pattern: '^\\d+$',
        description:
          'global log position of the last event appended, as a decimal string (use it as ?minPosition)',
      },
    },
  },
};
