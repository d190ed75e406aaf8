import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import type { LedgerRuntime } from '@ledger/platform';
import { AppModule } from './app.module';
import type { ProjectorPlacement } from './background/background-thread';
import { openApiDocument } from './http/openapi-document';
import { validationPipe } from './http/validation';
import { requestLog, serviceLogger } from './http/request-log';
import { Metrics, requestMetrics } from './metrics/metrics';
import { USAGE_IMPORT_PATH, usageImportBodyParsers } from './usage/usage.controller';
import { serveConsole } from './console/serve-console';

export const BODY_LIMIT = '256kb';

/** The Nest application, configured as it is served (used by main and by the e2e tests). */
export async function createApp(
  runtime: LedgerRuntime,
  /**
   * projector: where it runs when not on the API's thread (health reports it); serviceLog: the
   * logger to write through (main flushes it before saying it listens).
   */
  options: { logger?: boolean; projector?: ProjectorPlacement; serviceLog?: PinoLogger } = {},
): Promise<INestApplication> {
  const logger = options.serviceLog ?? serviceLogger(runtime.config.logLevel, options.logger !== false);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRuntime(runtime, options.projector, logger),
    {
      bodyParser: false,
      bufferLogs: options.logger !== false,
      logger: options.logger === false ? false : undefined,
    },
  );
  app.use(requestMetrics(app.get(Metrics)));
  if (options.logger !== false) {
    app.useLogger(app.get(Logger));
    app.use(requestLog(logger));
  }
  // the weekly import takes a whole week (JSON or CSV); parsed here, the global parser skips it
  app.use(USAGE_IMPORT_PATH, ...usageImportBodyParsers());
  serveConsole(app);
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.setGlobalPrefix('api/v1', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'api/v1/health', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(validationPipe());
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, openApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
