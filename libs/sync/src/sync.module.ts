import { type DynamicModule, Module } from '@nestjs/common';
import { SYNC_RUNNER_OPTIONS, SyncRunner, type SyncRunnerOptions } from './run/sync-runner';

/** The sync use case for a provider service; needs the service runtime (ServiceRuntimeModule). */
@Module({})
export class SyncModule {
  static forRoot(options: SyncRunnerOptions): DynamicModule {
    return {
      module: SyncModule,
      providers: [{ provide: SYNC_RUNNER_OPTIONS, useValue: options }, SyncRunner],
      exports: [SyncRunner],
    };
  }
}
