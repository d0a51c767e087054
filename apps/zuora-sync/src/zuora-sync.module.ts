import { type DynamicModule, Module } from '@nestjs/common';
import {
  loadConfigOrExit,
  readBulkSyncConfig,
  readZuoraConfig,
  type SyncConfig,
  type ZuoraConfig,
} from '@subsync/config';
import { bulkSyncProviders, SyncModule, type SyncRequestLookups } from '@subsync/sync';
import { upstreamCallObserver } from '@subsync/metrics';
import { UpstreamBudgetLifecycle } from '@subsync/upstream-budget';
import { ZuoraClient } from '@subsync/zuora-client';
import { SyncZuoraAccountService } from './sync-account/sync-zuora-account.service';
import { ZuoraAccountWriter } from './sync-account/zuora-account.writer';
import { SyncRequestedController } from './sync-subscription/sync-requested.controller';
import { SyncZuoraSubscriptionService } from './sync-subscription/sync-zuora-subscription.service';
import { ZuoraSubscriptionWriter } from './sync-subscription/zuora-subscription.writer';
import { zuoraSubscriptionListers } from './backfill/zuora-subscription.listers';
import { ZUORA_CONFIG, ZUORA_LISTERS } from './zuora-sync.tokens';

@Module({
  controllers: [SyncRequestedController],
  providers: [
    {
      provide: ZUORA_CONFIG,
      useFactory: () => loadConfigOrExit(() => readZuoraConfig(process.env)),
    },
    UpstreamBudgetLifecycle,
    {
      provide: ZuoraClient,
      inject: [ZUORA_CONFIG, UpstreamBudgetLifecycle],
      useFactory: (config: ZuoraConfig, budgets: UpstreamBudgetLifecycle) => {
        const { v1, objectQuery } = budgets.zuoraTenant(config);
        return new ZuoraClient({
          ...config,
          permits: v1,
          objectQueryPermits: objectQuery,
          observer: upstreamCallObserver('zuora'),
        });
      },
    },
    SyncZuoraSubscriptionService,
    ZuoraSubscriptionWriter,
    SyncZuoraAccountService,
    ZuoraAccountWriter,
  ],
})
export class ZuoraSyncModule {
  static register(sync: SyncConfig, lookups: SyncRequestLookups): DynamicModule {
    return {
      module: ZuoraSyncModule,
      imports: [SyncModule.forRoot({ upstreamDeadlineMs: sync.upstreamDeadlineMs, lookups })],
      providers: [
        { provide: ZUORA_LISTERS, inject: [ZuoraClient], useFactory: zuoraSubscriptionListers },
        ...bulkSyncProviders({
          provider: 'zuora',
          source: 'zuora-sync',
          config: loadConfigOrExit(() => readBulkSyncConfig(process.env)),
          listers: ZUORA_LISTERS,
        }),
      ],
    };
  }
}
