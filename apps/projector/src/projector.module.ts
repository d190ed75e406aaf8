import { DynamicModule, Inject, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ProjectionRunner } from '@ledger/read-models';
import type { LedgerRuntime } from '@ledger/platform';

const RUNTIME = Symbol('LedgerRuntime');

/** The projector as a standalone Nest application: runs the projections until shut down. */
@Module({})
export class ProjectorModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(RUNTIME) private readonly runtime: LedgerRuntime) {}

  static forRuntime(runtime: LedgerRuntime): DynamicModule {
    return {
      module: ProjectorModule,
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: ProjectionRunner, useValue: runtime.projector },
      ],
      exports: [ProjectionRunner],
    };
  }

  onApplicationBootstrap(): void {
    this.runtime.projector.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.projector.stop();
  }
}
