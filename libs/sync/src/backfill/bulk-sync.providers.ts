import {
  Inject,
  Injectable,
  type InjectionToken,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider as NestProvider,
} from '@nestjs/common';
import type { BulkSyncConfig } from '@subsync/config';
import type { Provider } from '@subsync/domain';
import { Clock } from '@subsync/messaging';
import { SyncUnitOfWork } from '@subsync/persistence';
import { ReconcileSweep } from '../reconcile/reconcile-sweep';
import { BackfillRunner } from './backfill-runner';
import type { SubscriptionListers } from './subscription-listers';

const BULK_SYNC_OPTIONS = Symbol('BULK_SYNC_OPTIONS');
const BULK_SYNC_LISTERS = Symbol('BULK_SYNC_LISTERS');

interface BulkSyncOptions {
  provider: Provider;
  source: string;
  config: BulkSyncConfig;
}

/** Runs the provider's backfill jobs and, when configured, its reconcile sweep in this process. */
@Injectable()
class BulkSyncWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('BulkSync');
  private readonly runner: BackfillRunner;
  private readonly sweep: ReconcileSweep;

  constructor(
    unitOfWork: SyncUnitOfWork,
    clock: Clock,
    @Inject(BULK_SYNC_OPTIONS) options: BulkSyncOptions,
    @Inject(BULK_SYNC_LISTERS) listers: SubscriptionListers,
  ) {
    const common = {
      provider: options.provider,
      unitOfWork,
      clock,
      config: options.config,
      source: options.source,
      log: (message: string) => this.logger.log(message),
    };
    this.runner = new BackfillRunner({ ...common, lister: listers.backfill });
    this.sweep = new ReconcileSweep({ ...common, lister: listers.changes });
  }

  onApplicationBootstrap(): void {
    this.runner.start();
    this.sweep.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.runner.stop(), this.sweep.stop()]);
  }
}

/**
 * Backfills and the reconcile sweep for a provider service, as providers of its module;
 * `listers` names the provider's {@link SubscriptionListers} in that module.
 */
export function bulkSyncProviders(
  options: BulkSyncOptions & { listers: InjectionToken },
): NestProvider[] {
  return [
    { provide: BULK_SYNC_OPTIONS, useValue: options },
    { provide: BULK_SYNC_LISTERS, useExisting: options.listers },
    BulkSyncWorker,
  ];
}
