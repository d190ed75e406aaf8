import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';

/** What the OpenAPI tests read of a document: operations with their method and path. */

export interface Operation {
  method: string;
  path: string;
  operationId?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: { content?: Record<string, { schema?: Json }> };
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
  security?: Array<Record<string, string[]>>;
}

type Json = Record<string, unknown>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export const operationsOf = (document: OpenAPIObject): Operation[] =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, unknown>)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ ...(operation as Operation), method, path })),
  );

/** The schema a `$ref` names, followed until it is not a reference. */
export const resolve = (document: OpenAPIObject, schema: Json | undefined): Json | undefined => {
  let at = schema;
  while (at && typeof at['$ref'] === 'string') {
    const name = (at['$ref'] as string).replace('#/components/schemas/', '');
    at = document.components?.schemas?.[name] as Json | undefined;
  }
  return at;
};

/** Every `rule` enum value anywhere in a schema (through refs, allOf, arrays and properties). */
export function ruleCodesIn(
  document: OpenAPIObject,
  schema: Json | undefined,
  seen = new Set<Json>(),
): string[] {
  const at = resolve(document, schema);
  if (!at || seen.has(at)) return [];
  seen.add(at);
  const properties = (at['properties'] ?? {}) as Record<string, Json>;
  const rule = resolve(document, properties['rule']);
  return [
    ...((rule?.['enum'] as string[] | undefined) ?? []),
    ...Object.values(properties).flatMap((p) => ruleCodesIn(document, p, seen)),
    ...((at['allOf'] as Json[] | undefined) ?? []).flatMap((s) => ruleCodesIn(document, s, seen)),
    ...(at['items'] ? ruleCodesIn(document, at['items'] as Json, seen) : []),
  ];
}

/** The rule codes an operation documents in any of its answers. */
export const documentedRules = (document: OpenAPIObject, operation: Operation): Set<string> =>
  new Set(
    Object.values(operation.responses).flatMap((r) =>
      Object.values(r.content ?? {}).flatMap((c) => ruleCodesIn(document, c.schema)),
    ),
  );

/** The operation whose path template matches a concrete path (`/api/v1/clients/c-1/payments`). */
export const operationFor = (operations: Operation[], method: string, path: string): Operation | undefined =>
  operations.find(
    (o) =>
      o.method === method &&
      new RegExp(`^${o.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path.split('?')[0]!),
  );

export const filesUnder = (dir: string, suffix: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(path).isDirectory() ? filesUnder(path, suffix) : path.endsWith(suffix) ? [path] : [];
  });

export interface ObservedRefusal {
  file: string;
  line: number;
  rule: string;
  /** The path of the nearest POST before the expectation, `${…}` as one segment. */
  path: string | null;
}

const EXPECTED_RULE = /rule\)\.toBe\('([a-z_]+)'\)|rule: '([a-z_]+)'/;
const POSTED = /\.post\(\s*[`'"](\/api\/v1\/[^`'"]+)[`'"]/;
/** How far above an expectation its request may be (a long body between them). */
const WINDOW = 40;

/** Each rule code an e2e spec expects in an answer, with the POST it most likely answers. */
export function observedRefusals(files: string[]): ObservedRefusal[] {
  return files.flatMap((file) => {
    const lines = readFileSync(file, 'utf8').split('\n');
    return lines.flatMap((text, i) => {
      const match = EXPECTED_RULE.exec(text);
      if (!match) return [];
      let path: string | null = null;
      for (let j = i; j >= Math.max(0, i - WINDOW) && path === null; j--) {
        const posted = POSTED.exec(lines[j]!);
        if (posted) path = posted[1]!.replace(/\$\{[^}]+\}/g, 'x');
      }
      return [{ file, line: i + 1, rule: (match[1] ?? match[2])!, path }];
    });
  });
}

/**
 * Codes the sources refuse with literally (the first argument of `refuse` or `new DomainError`, a
 * string literal). The access policy's codes come from its table, documented from it
 * (command-refusals.ts).
 */
export function refusalCodesIn(files: string[]): Map<string, string> {
  const codes = new Map<string, string>();
  const pattern = /(?:refuse\(|new DomainError\()\s*'([a-z_]+)'/g;
  for (const file of files) {
    if (file.endsWith('.spec.ts')) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) codes.set(match[1]!, file);
  }
  return codes;
}

/**
 * Checks a value against an OpenAPI 3.0 schema of the document: type (with nullable), required,
 * properties, items, allOf, enum, additionalProperties. Formats and patterns are not checked. Answers
 * each mismatch as `path: problem`; `arrays` counts the non-empty arrays it went into (not vacuous).
 */
export function mismatches(
  document: OpenAPIObject,
  schema: Json | undefined,
  value: unknown,
  path = '$',
  counts = { arrays: 0 },
): string[] {
  const at = resolve(document, schema);
  if (!at) return [];
  if (value === null)
    return at['nullable'] || !at['type'] ? [] : [`${path}: null where ${String(at['type'])}`];
  const out = ((at['allOf'] as Json[] | undefined) ?? []).flatMap((s) =>
    mismatches(document, s, value, path, counts),
  );
  const type = at['type'] as string | undefined;
  const actual = Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  const fits =
    !type ||
    type === actual ||
    (type === 'number' && actual === 'integer') ||
    (type === 'object' && actual === 'object');
  if (!fits) return [...out, `${path}: ${actual} where ${type}`];
  const allowed = at['enum'] as unknown[] | undefined;
  if (allowed && !allowed.includes(value))
    out.push(`${path}: ${JSON.stringify(value)} not in ${allowed.join(', ')}`);
  if (Array.isArray(value)) {
    if (value.length) counts.arrays++;
    value.forEach((v, i) =>
      out.push(...mismatches(document, at['items'] as Json, v, `${path}[${i}]`, counts)),
    );
  } else if (actual === 'object') {
    const record = value as Record<string, unknown>;
    for (const name of (at['required'] as string[] | undefined) ?? [])
      if (!(name in record)) out.push(`${path}.${name}: missing`);
    const properties = (at['properties'] ?? {}) as Record<string, Json>;
    const extra = at['additionalProperties'];
    for (const [name, v] of Object.entries(record)) {
      const own = properties[name] ?? (typeof extra === 'object' ? (extra as Json) : undefined);
      if (own) out.push(...mismatches(document, own, v, `${path}.${name}`, counts));
    }
  }
  return out;
}
