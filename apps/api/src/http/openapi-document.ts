import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { completeDocument, operationIdOf } from './openapi-responses';

/** One tag per capability (the generated client may group its methods by them). */
const TAGS: Array<[string, string]> = [
  ['clients', 'Registration, assignment, the card, history, decisions and the state as of an instant'],
  ['receivables', 'Invoices, payments, payment promises, refusals and handovers to the ПМ (SPEC §3.2)'],
  ['lifecycle', 'Transfer to remote service and leaving it (SPEC §3.1)'],
  ['contacts', 'Contacts, call attempts with callbacks, closing a contact (SPEC §3.3)'],
  ['contact-persons', 'Контактные лица and their erasure (152-ФЗ)'],
  ['pm-work', 'The ПМ’s decision-maker contacts and competitor diagnostics'],
  ['usage', 'The weekly import of usage facts'],
  ['queues', 'The КПП’s planner (ежедневник) and the ПМ’s queue'],
  ['reports', 'Reports (JSON, or CSV with ?format=csv)'],
  ['reviews', 'Call reviews by auditors against the [004] checklists'],
  ['admin', 'Operations: the manual clock, projections, failed deadlines (ADMIN)'],
  ['health', 'Health and metrics (no token)'],
];

/**
 * The OpenAPI document of the app as it is served at /docs/openapi.json: the decorators' responses,
 * the shared error schemas, and operation ids named for the generated client's methods.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Remote service ledger')
    .setDescription('Event-sourced workflow backend of a РИЦ remote service department (see API.md)')
    .setVersion('1')
    .addBearerAuth();
  for (const [name, description] of TAGS) config.addTag(name, description);
  const document = SwaggerModule.createDocument(app, config.build(), {
    operationIdFactory: operationIdOf,
  });
  return completeDocument(document);
}
