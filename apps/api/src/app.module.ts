import { createSecretKey } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import { LoggerModule } from 'nestjs-pino';
import { TerminusModule } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { contactCodes } from '@ledger/domain';
import { CLOCK, EVENT_STORE, ClientCommandService, ExecuteClientCommandHandler } from '@ledger/application';
import { DeadlineScheduler, ProjectionRunner } from '@ledger/read-models';
import type { LedgerRuntime } from '@ledger/platform';
import { AdminController } from './admin/admin.controller';
import { DevTokensController } from './dev/dev-tokens.controller';
import { OperationsController } from './admin/operations.controller';
import { AuthGuard } from './auth/auth';
import { ClientQueries } from './clients/client-queries';
import { ClientList } from './clients/client-list';
import { ClientsController } from './clients/clients.controller';
import { HealthController, PROJECTOR_PLACEMENT, RUNS_PROJECTOR } from './health/health.controller';
import type { ProjectorPlacement } from './background/background-thread';
import type { Logger } from 'pino';
import { serviceLogger } from './http/request-log';
import { ErrorFilter } from './http/errors';
import { ClientCommands } from './http/client-commands';
import { ReadYourWrites } from './http/read-your-writes';
import { Metrics, MetricsController } from './metrics/metrics';
import { LEDGER_RUNTIME, BUSINESS_TIME, CONTACT_CODES } from './tokens';
import { ContactsController } from './contacts/contacts.controller';
import { UsageController } from './usage/usage.controller';
import { UsageImport } from './usage/usage-import';
import { LifecycleController } from './lifecycle/lifecycle.controller';
import { ContactPersonsController } from './contact-persons/contact-persons.controller';
import { PmWorkController } from './pm-work/pm-work.controller';
import { ReceivablesController } from './receivables/receivables.controller';
import { QueuesController } from './queues/queues.controller';
import { ReportsController } from './reports/reports.controller';
import { ReviewsController } from './reviews/reviews.controller';
import { AuditReportsController } from './reviews/audit-reports.controller';
import { REPORT_CONTROLLERS, ReportSources } from './reports';

/** The HTTP API over one ledger runtime (database, store, read models, clock). */
@Module({})
export class AppModule {
  /** projector: the thread it runs on when not the API's (main.ts); absent: runtime.projector. */
  static forRuntime(
    runtime: LedgerRuntime,
    projector?: ProjectorPlacement,
    logger: Logger = serviceLogger(runtime.config.logLevel, false),
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        TerminusModule,
        // A secret KeyObject, not the string: given a string, the JWT library first tries to parse it
        // as a PEM public key on every request (issue 13: a fifth of the CPU under load).
        JwtModule.register({
          secret: createSecretKey(Buffer.from(runtime.authSecret, 'utf8')),
          signOptions: { algorithm: 'HS256' },
        }),
        // Structured JSON logs through the one service logger; the request lines come from
        // requestLog (create-app.ts), not pino-http, so no per-request middleware here.
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true, forRoutes: [] }),
      ],
      controllers: [
        HealthController,
        MetricsController,
        ClientsController,
        ReceivablesController,
        LifecycleController,
        ContactsController,
        ContactPersonsController,
        PmWorkController,
        UsageController,
        QueuesController,
        ReportsController,
        ...REPORT_CONTROLLERS,
        AdminController,
        OperationsController,
        ReviewsController,
        AuditReportsController,
        DevTokensController,
      ],
      providers: [
        { provide: EVENT_STORE, useValue: runtime.store },
        { provide: DataSource, useValue: runtime.readModels },
        { provide: ProjectionRunner, useValue: runtime.projector },
        { provide: DeadlineScheduler, useValue: runtime.scheduler },
        { provide: ClientCommandService, useValue: runtime.commands },
        { provide: CLOCK, useValue: runtime.clock },
        { provide: LEDGER_RUNTIME, useValue: runtime },
        { provide: BUSINESS_TIME, useValue: runtime.businessTime },
        { provide: CONTACT_CODES, useValue: contactCodes(runtime.config.extraContactCodes) },
        { provide: RUNS_PROJECTOR, useValue: runtime.config.runProjector },
        { provide: PROJECTOR_PLACEMENT, useValue: projector ?? runtime.projector },
        ExecuteClientCommandHandler,
        Metrics,
        ClientQueries,
        ClientList,
        ReportSources,
        ClientCommands,
        UsageImport,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        // after AuthGuard (guards run in this order): only an authorized GET waits for the projections
        { provide: APP_GUARD, useClass: ReadYourWrites },
      ],
    };
  }
}
