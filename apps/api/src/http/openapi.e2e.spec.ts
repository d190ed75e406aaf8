import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { PATH_METADATA } from '@nestjs/common/constants';
import type { OpenAPIObject } from '@nestjs/swagger';
import SwaggerParser from '@apidevtools/swagger-parser';
import ts from 'typescript';
import { getMetadataStorage } from 'class-validator';
import { TestLedger, startTestLedger } from '@ledger/test-support';
import { isRuleCode } from '@ledger/domain';
import { AppModule } from '../app.module';
import { buildOpenApiDocumentOffline } from './openapi-offline';
import { operationIdOf } from './openapi-responses';
import {
  Operation,
  documentedRules,
  filesUnder,
  observedRefusals,
  operationFor,
  operationsOf,
  refusalCodesIn,
  resolve,
} from '../testing/openapi';

const ROOT = resolvePath(__dirname, '../../../..');
/** auth.ts's AllowRoles metadata: the guard answers 403 to other roles. */
const ROLES_KEY = 'ledger:roles';
/** Handlers that answer 403 themselves (whose data it is), besides the role check. */
const OWN_403 = ['listClients', 'getKppPlanner', 'listReviews'];
/** Path ids that never answer 404: the service keeps no list of employees (an empty planner). */
const IDS_WITHOUT_404 = ['employeeId'];
/**
 * Refusals no request can meet, so no operation lists them: the HTTP layer answers 400 first, or
 * the controller draws the id itself (command-refusals.ts says which).
 */
const UNREACHABLE = [
  'assignment_empty',
  'contact_already_planned',
  'promise_already_recorded',
  'unknown_sheet',
  'scores_do_not_match_sheet',
  'score_out_of_range',
];

describe('the OpenAPI document (/docs/openapi.json)', () => {
  let ledger: TestLedger;
  let document: OpenAPIObject;
  let operations: Operation[];

  beforeAll(async () => {
    ledger = await startTestLedger();
    document = (await ledger.http().get('/docs/openapi.json').expect(200)).body;
    operations = operationsOf(document);
  });
  afterAll(() => ledger.close());

  /** A client command answers the command answer (possibly with more fields). */
  const isCommand = (o: Operation) => {
    const schema = o.responses['201']?.content?.['application/json']?.schema;
    return JSON.stringify([schema, resolve(document, schema)]).includes('/CommandAnswer"');
  };

  it('is the document npm run openapi:export writes without a database', async () => {
    expect(await buildOpenApiDocumentOffline()).toEqual(document);
    expect(operations.length).toBeGreaterThanOrEqual(56);
  });

  it('validates against the OpenAPI 3 schema', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('names every operation once, for a client method, and tags it with its capability', () => {
    const ids = operations.map((o) => o.operationId);
    expect(ids.filter((id) => !id || !/^[a-z][A-Za-z0-9]+$/.test(id))).toEqual([]);
    expect(ids.length).toBe(new Set(ids).size);
    const tags = new Set((document.tags ?? []).map((t) => t.name));
    expect(
      operations
        .filter((o) => !o.tags?.length || !o.tags.every((t) => tags.has(t)))
        .map((o) => o.operationId),
    ).toEqual([]);
  });

  it('describes every answer of every operation', () => {
    const roleChecked = new Set<string>(OWN_403);
    for (const controller of AppModule.forRuntime(ledger.runtime).controllers ?? []) {
      const proto = (controller as { prototype: Record<string, unknown> }).prototype;
      for (const method of Object.getOwnPropertyNames(proto)) {
        const handler = proto[method];
        if (typeof handler !== 'function' || !Reflect.hasMetadata(PATH_METADATA, handler)) continue;
        if (Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, controller))
          roleChecked.add(operationIdOf(controller.name, method));
      }
    }
    const problems = operations.flatMap((o) => {
      const lacks = (what: string) => [
        `${o.method.toUpperCase()} ${o.path} (${o.operationId}) lacks ${what}`,
      ];
      const has = (status: string, schema?: string) => {
        const content = o.responses[status]?.content?.['application/json'];
        if (!content?.schema) return false;
        return !schema || JSON.stringify(content.schema).includes(`/${schema}"`);
      };
      const success = Object.keys(o.responses).find((s) => s.startsWith('2'));
      const out: string[] = [];
      if (!success || !Object.values(o.responses[success]!.content ?? {}).some((c) => c.schema))
        out.push(...lacks('a success response with a schema'));
      if (!o.path.startsWith('/api/v1/') || o.path === '/api/v1/health') {
        if (o.security?.length) out.push(...lacks('no security (it is public)'));
        return out;
      }
      if (!o.security?.some((s) => 'bearer' in s)) out.push(...lacks('the bearer security requirement'));
      if (!has('401', 'Error')) out.push(...lacks('401 { error }'));
      if (!has('503', 'Unavailable')) out.push(...lacks('503'));
      const input =
        !!o.requestBody || (o.parameters ?? []).some((p) => p.in === 'query' || p.in === 'header');
      if (input && !has('400', 'InvalidInput')) out.push(...lacks('400 { error, details }'));
      if (roleChecked.has(o.operationId!) !== !!o.responses['403'])
        out.push(
          ...lacks(roleChecked.has(o.operationId!) ? '403 (role-checked)' : 'no 403 (nothing refuses it)'),
        );
      if (o.responses['403'] && !has('403')) out.push(...lacks('a 403 schema'));
      const ids = (o.parameters ?? []).filter((p) => p.in === 'path' && !IDS_WITHOUT_404.includes(p.name));
      if (ids.length && !has('404')) out.push(...lacks(`404 (path ${ids.map((p) => p.name).join(', ')})`));
      const command = isCommand(o);
      if (command) {
        const conflict = resolve(document, o.responses['409']?.content?.['application/json']?.schema);
        const rules = documentedRules(document, { ...o, responses: { 409: o.responses['409'] ?? {} } });
        if (!conflict || !rules.has('concurrency_conflict')) out.push(...lacks('409 with its rule codes'));
      }
      return out;
    });
    expect(problems).toEqual([]);
    // the check above is not vacuous: the document has commands, role checks and path ids
    expect(operations.filter(isCommand)).toHaveLength(22);
    expect(roleChecked.size).toBeGreaterThan(30);
  });

  it('describes every field a DTO validates: a body in its schema, a query as a parameter', () => {
    const storage = getMetadataStorage() as unknown as {
      validationMetadatas: Map<{ name: string }, Array<{ propertyName: string }>>;
    };
    const queryParameters = new Set(
      operations.flatMap((o) => (o.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)),
    );
    const missing = [...storage.validationMetadatas].flatMap(([target, rules]) => {
      // PartialType(X)'s class validates X's fields; the change DTO built from it has the schema
      if (target.name.startsWith('Partial')) return [];
      const schema = document.components?.schemas?.[target.name] as { properties?: object } | undefined;
      const fields = [...new Set(rules.map((r) => r.propertyName))];
      return fields
        .filter((f) => (schema ? !(f in (schema.properties ?? {})) : !queryParameters.has(f)))
        .map((f) => `${target.name}.${f}`);
    });
    expect(missing).toEqual([]);
    expect(storage.validationMetadatas.size).toBeGreaterThan(20);
  });

  it('lists every refusal a request can meet in the domain, the application and the API', () => {
    const sources = ['libs/domain/src', 'libs/workflows/src', 'libs/application/src', 'apps/api/src'].flatMap(
      (dir) => filesUnder(join(ROOT, dir), '.ts'),
    );
    const codes = refusalCodesIn(sources);
    expect(codes.size).toBeGreaterThan(30);
    const everywhere = new Set(operations.flatMap((o) => [...documentedRules(document, o)]));
    const missing = [...codes].filter(([code]) => !everywhere.has(code) && !UNREACHABLE.includes(code));
    expect(missing).toEqual([]);
    // and the exemptions are real codes, not stale names
    expect(UNREACHABLE.filter((code) => !codes.has(code))).toEqual([]);
  });

  it('lists, for the operation it called, every refusal an e2e spec observes', () => {
    const specs = [
      ...filesUnder(join(ROOT, 'apps'), '.e2e.spec.ts'),
      ...filesUnder(join(ROOT, 'test'), '.e2e.spec.ts'),
    ];
    // automatic events' rules (metadata.rule) are not refusals
    const observed = observedRefusals(specs).filter((o) => o.path && !isRuleCode(o.rule));
    const unlisted = observed.flatMap((o) => {
      const operation = operationFor(operations, 'post', o.path!);
      if (!operation) return [`${o.file}:${o.line} POST ${o.path}: no such operation`];
      return documentedRules(document, operation).has(o.rule)
        ? []
        : [`${o.file}:${o.line} ${o.rule} not listed for ${operation.operationId}`];
    });
    expect(unlisted).toEqual([]);
    expect(observed.length).toBeGreaterThanOrEqual(15);
  });

  // compiling the generated types takes a while on a busy machine
  jest.setTimeout(180_000);

  it('generates a typed client with openapi-typescript that compiles, rule codes as literal types', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-openapi-'));
    try {
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
      const cli = join(ROOT, 'node_modules/openapi-typescript/bin/cli.js');
      execFileSync(process.execPath, [cli, join(dir, 'openapi.json'), '-o', join(dir, 'api.d.ts')], {
        stdio: 'pipe',
      });
      writeFileSync(
        join(dir, 'use.ts'),
        [
          "import type { components, operations, paths } from './api';",
          "type Conflict = components['schemas']['RecordPaymentConflict'];",
          "export const rule: Conflict['rule'] = 'payment_already_recorded';",
          '// @ts-expect-error not a refusal of a payment',
          "export const wrong: Conflict['rule'] = 'nothing_to_promise';",
          "type Invalid = operations['recordPayment']['responses'][400]['content']['application/json'];",
          "export const field = (e: Invalid): string => e.details[0]?.field ?? '';",
          "type Card = paths['/api/v1/clients/{clientId}']['get']['responses'][200]['content']['application/json'];",
          'export const debt = (card: Card): number => card.debtMonths;',
          "type Answer = operations['recordPaymentPromise']['responses'][201]['content']['application/json'];",
          'export const promise = (a: Answer): string => `${a.promiseId}@${a.position}`;',
        ].join('\n'),
      );
      const program = ts.createProgram([join(dir, 'use.ts')], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        skipLibCheck: false,
      });
      const errors = ts
        .getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(errors).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
