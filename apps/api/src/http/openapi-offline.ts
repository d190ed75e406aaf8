import type { OpenAPIObject } from '@nestjs/swagger';
import { readConfig, type LedgerRuntime } from '@ledger/platform';
import { createApp } from '../create-app';
import { openApiDocument } from './openapi-document';

/**
 * A runtime that only lends its configuration: building the document instantiates the controllers
 * and providers but runs no hook and no request, so nothing else of it is ever used.
 */
function documentOnlyRuntime(): LedgerRuntime {
  const config = readConfig({ NODE_ENV: 'test' });
  const unused = new Proxy(
    {},
    {
      get: (_, key) => {
        // Nest looks for lifecycle hooks and promise-likes on provided values: answer "none"
        if (typeof key === 'symbol' || key === 'then' || key.startsWith('on') || key === 'constructor')
          return undefined;
        throw new Error(`the document-only runtime has no ${String(key)}`);
      },
    },
  );
  return new Proxy({ config, authSecret: 'document-only', businessTime: () => unused } as object, {
    get: (target, key) => (key in target ? target[key as keyof typeof target] : unused),
  }) as LedgerRuntime;
}

/** The document /docs/openapi.json serves, built without a database (npm run openapi:export). */
export async function buildOpenApiDocumentOffline(): Promise<OpenAPIObject> {
  const app = await createApp(documentOnlyRuntime(), { logger: false });
  return openApiDocument(app);
}
