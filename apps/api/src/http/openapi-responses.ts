import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiInternalServerErrorResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiQuery,
  ApiResponse,
  ApiServiceUnavailableResponse,
  ApiUnauthorizedResponse,
  OpenAPIObject,
} from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { ClientCommandType } from '@ledger/domain';
import { conflictRules, forbiddenRule, notFoundRules } from './command-refusals';
import { ERROR_SCHEMAS, Schema, ref } from './openapi-error-schemas';

/**
 * Shared response decorators for the OpenAPI document (issue 8): every operation describes every
 * answer the service gives (http/errors.ts has the bodies), so a КПП/ПМ app can generate a typed
 * client from /docs/openapi.json. They only document; behaviour stays in guards, pipes and filters.
 */

export { ERROR_SCHEMAS, ref, type Schema } from './openapi-error-schemas';

/** Named schemas the decorators made (per-command refusals, answers): added to the document. */
const registered = new Map<string, Schema>();
const register = (name: string, schema: Schema): Schema => {
  registered.set(name, schema);
  return ref(name);
};

/** Operation ids by `Controller.method`, set by the decorators below (the generated client's names). */
const operationIds = new Map<string, string>();

/** For SwaggerModule.createDocument's operationIdFactory. */
export const operationIdOf = (controllerKey: string, methodKey: string): string =>
  operationIds.get(`${controllerKey}.${methodKey}`) ?? methodKey;

const OperationId =
  (id: string): MethodDecorator =>
  (target, key) => {
    operationIds.set(`${target.constructor.name}.${String(key)}`, id);
  };

const json = (schema: Schema) => ({ content: { 'application/json': { schema } } });
const retryAfter = {
  headers: {
    'Retry-After': { description: 'seconds to wait before trying again', schema: { type: 'integer' } },
  },
};
const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);
const withRules = (base: string, rules: readonly string[], required: boolean): Schema => ({
  allOf: [
    ref(base),
    {
      type: 'object',
      ...(required ? { required: ['rule'] } : {}),
      properties: { rule: { type: 'string', enum: [...rules] } },
    },
  ],
});

/** What every authenticated operation may answer. */
const authenticated = () => [
  ApiUnauthorizedResponse({ description: 'no valid bearer token', ...json(ref('Error')) }),
  ApiServiceUnavailableResponse({
    description: 'the database is unavailable; for a GET also: ?minPosition was not reached in 5 s',
    ...json(ref('Unavailable')),
    ...retryAfter,
  }),
  ApiInternalServerErrorResponse({ description: 'a bug (logged)', ...json(ref('Error')) }),
];

export interface OperationDoc {
  /** The generated client's method name (unique in the document). */
  operationId: string;
  summary?: string;
  description?: string;
}

/**
 * A client command (API.md "Commands"): 201 with the command answer, 400 naming the field, 401,
 * 403 (role, or the access policy's rule), 404 (unknown client; the command's own thing missing),
 * 409 with exactly the rule codes its decider can answer, 413, 503. `answer` lists the fields the
 * command adds to `{ streamVersion, position }` (e.g. the id it drew).
 */
export function CommandResponses(
  type: ClientCommandType,
  doc: Partial<OperationDoc> & { answer?: Record<string, Schema> } = {},
) {
  const operationId = doc.operationId ?? type.charAt(0).toLowerCase() + type.slice(1);
  const name = pascal(operationId);
  const answer = doc.answer
    ? register(`${name}Answer`, {
        allOf: [
          ref('CommandAnswer'),
          { type: 'object', required: Object.keys(doc.answer), properties: doc.answer },
        ],
      })
    : ref('CommandAnswer');
  const forbidden = forbiddenRule(type);
  const notFound = notFoundRules(type);
  return applyDecorators(
    OperationId(operationId),
    ApiOperation({ operationId, summary: doc.summary ?? type, description: doc.description }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        '1–200 characters: a repeat with the same body answers the first answer and appends nothing',
    }),
    ApiResponse({ status: 201, description: 'recorded', ...json(answer) }),
    ApiBadRequestResponse({ description: 'invalid input', ...json(ref('InvalidInput')) }),
    ApiForbiddenResponse({
      description: forbidden
        ? `the role does not allow it, or rule ${forbidden}: the caller does not serve this client`
        : 'the role does not allow it',
      ...json(
        forbidden
          ? register(`${name}Forbidden`, withRules('Forbidden', [forbidden], false))
          : ref('Forbidden'),
      ),
    }),
    ...(notFound.length
      ? [
          ApiNotFoundResponse({
            description: `rule ${notFound.join(', ')}`,
            ...json(register(`${name}NotFound`, withRules('NotFound', notFound, false))),
          }),
        ]
      : []),
    ApiConflictResponse({
      description: `a business rule refused it: ${conflictRules(type).join(', ')}`,
      ...json(register(`${name}Conflict`, withRules('Conflict', conflictRules(type), true))),
    }),
    ApiPayloadTooLargeResponse({ description: 'the body is over the limit', ...json(ref('Error')) }),
    ...authenticated(),
  );
}

export interface ReadDoc extends OperationDoc {
  /** The 200 body (an `example` stays beside the named schema, on the answer). */
  ok: Schema;
  /** What the 200 holds, in words. */
  okDescription?: string;
  /** When the read answers 404 (an unknown client, or one of another РИЦ). */
  notFound?: string;
  /** When the read answers 403 (the role, or whose data it is). */
  forbidden?: string;
  /** `?format=csv` answers text/csv (reports). */
  csv?: boolean;
}

/**
 * A GET under /api/v1: 200 with its schema, 400 (its query, and `?minPosition` which every GET
 * accepts), 401, 403/404 when they apply, 503 (database, or read-your-writes ran out).
 */
export function ReadResponses(doc: ReadDoc) {
  const { example, ...schema } = doc.ok as Schema & { example?: unknown };
  const named = register(`${pascal(doc.operationId)}Response`, schema);
  const ok = example === undefined ? named : { allOf: [named], example };
  return applyDecorators(
    OperationId(doc.operationId),
    ApiOperation({ operationId: doc.operationId, summary: doc.summary, description: doc.description }),
    ApiQuery({
      name: 'minPosition',
      required: false,
      description: 'answer only once the projections have processed this global position (read-your-writes)',
      schema: { type: 'string', pattern: '^\\d{1,19}$' },
    }),
    ApiResponse({
      status: 200,
      description: doc.okDescription ?? 'found',
      content: {
        'application/json': { schema: ok },
        ...(doc.csv
          ? { 'text/csv': { schema: { type: 'string', description: 'UTF-8, a header row' } } }
          : {}),
      },
    }),
    ApiBadRequestResponse({ description: 'invalid query', ...json(ref('InvalidInput')) }),
    ...(doc.forbidden
      ? [ApiForbiddenResponse({ description: doc.forbidden, ...json(ref('Forbidden')) })]
      : []),
    ...(doc.notFound ? [ApiNotFoundResponse({ description: doc.notFound, ...json(ref('NotFound')) })] : []),
    ...authenticated(),
  );
}

export interface ActionDoc extends OperationDoc {
  status: 200 | 201;
  ok: Schema;
  /** Takes a body or query that may be invalid. */
  input: boolean;
  forbidden: string;
  notFound?: string;
  /** 409 and its rule codes (or none: `{ error }` only). */
  conflict?: { description: string; rules?: readonly string[] };
}

/** An operations endpoint (ADMIN): described one by one, the same error bodies. */
export function ActionResponses(doc: ActionDoc) {
  const name = pascal(doc.operationId);
  return applyDecorators(
    OperationId(doc.operationId),
    ApiOperation({ operationId: doc.operationId, summary: doc.summary, description: doc.description }),
    ApiResponse({ status: doc.status, description: 'done', ...json(register(`${name}Response`, doc.ok)) }),
    ...(doc.input
      ? [
          ApiBadRequestResponse({ description: 'invalid input', ...json(ref('InvalidInput')) }),
          ApiPayloadTooLargeResponse({ description: 'the body is over the limit', ...json(ref('Error')) }),
        ]
      : []),
    ApiForbiddenResponse({ description: doc.forbidden, ...json(ref('Forbidden')) }),
    ...(doc.notFound ? [ApiNotFoundResponse({ description: doc.notFound, ...json(ref('NotFound')) })] : []),
    ...(doc.conflict
      ? [
          ApiConflictResponse({
            description: doc.conflict.description,
            ...json(
              doc.conflict.rules
                ? register(`${name}Conflict`, withRules('Conflict', doc.conflict.rules, true))
                : ref('Error'),
            ),
          }),
        ]
      : []),
    ...authenticated(),
  );
}

/** Health and metrics: no token; the success body as given. */
export function PublicResponses(doc: OperationDoc & { ok?: Schema; text?: boolean }) {
  return applyDecorators(
    OperationId(doc.operationId),
    ApiOperation({ operationId: doc.operationId, summary: doc.summary, description: doc.description }),
    ...(doc.text
      ? [
          ApiResponse({
            status: 200,
            description: 'Prometheus text exposition',
            content: { 'text/plain': { schema: { type: 'string' } } },
          }),
        ]
      : []),
  );
}

/** Handlers whose body may also be CSV text (`Controller.method` → what the CSV holds). */
const csvBodies = new Map<string, string>();

/** The operation also takes `text/csv`: a string, not the JSON DTO's schema. */
export const CsvBody =
  (description: string): MethodDecorator =>
  (target, key) => {
    csvBodies.set(`${target.constructor.name}.${String(key)}`, description);
  };

/**
 * The shared and registered schemas in the document's components; CSV bodies as strings; and one
 * handler serving two paths (health) gets an id per path.
 */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  const csvIds = new Map(
    [...csvBodies].map(([key, description]) => [operationIds.get(key) ?? key, description]),
  );
  const seen = new Set<string>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const operation of Object.values(item) as OperationObject[]) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const id = operation.operationId?.replace(/\[\d+\]$/, '');
      if (id) operation.operationId = seen.has(id) && path.startsWith('/api/v1/') ? `${id}V1` : id;
      if (id) seen.add(id);
      const csv = id ? csvIds.get(id) : undefined;
      const body = operation.requestBody as { content?: Record<string, unknown> } | undefined;
      if (csv && body?.content?.['text/csv'])
        body.content['text/csv'] = { schema: { type: 'string', description: csv } };
    }
  }
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ...ERROR_SCHEMAS,
      ...Object.fromEntries(registered),
    },
  };
  return document;
}
