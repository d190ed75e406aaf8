import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildOpenApiDocumentOffline } from './http/openapi-offline';

/**
 * `npm run openapi:export [-- <file>]` writes the OpenAPI document (default
 * dist/openapi/openapi.json) as /docs/openapi.json serves it, without a database, e.g. for
 * `openapi-typescript` to generate a typed client from.
 */
async function main(): Promise<void> {
  const file = resolve(process.argv[2] ?? 'dist/openapi/openapi.json');
  const document = await buildOpenApiDocumentOffline();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  console.log(`${file}: ${Object.values(document.paths).flatMap((p) => Object.keys(p)).length} operations`);
  // the app was never initialised; nothing holds the process but timers of libraries
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
