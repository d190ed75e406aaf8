import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { completeDocument, operationIdOf } from './openapi-responses';

/**
 * The OpenAPI document of the app as it is served at /docs/openapi.json: the decorators' responses,
 * the shared error schemas, and operation ids named for the generated client's methods.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Remote service ledger')
      .setDescription('Event-sourced workflow backend of a РИЦ remote service department (see API.md)')
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { operationIdFactory: operationIdOf },
  );
  return completeDocument(document);
}
