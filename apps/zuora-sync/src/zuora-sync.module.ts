import { type DynamicModule, Module } from '@nestjs/common';
import {
  loadConfigOrExit,
  readZuoraConfig,
  type SyncConfig,
  type ZuoraConfig,
} from '@subsync/config';
import { providerSyncModule, type SyncRequestLookups } from '@subsync/sync';
import { upstreamCallObserver } from '@subsync/metrics';
import { UpstreamBudgetLifecycle } from '@subsync/upstream-budget';
import { ZuoraClient } from '@subsync/zuora-client';
import { SyncZuoraAccountService } from './sync-account/sync-zuora-account.service';
import { ZuoraAccountWriter } from './sync-account/zuora-account.writer';
import { SyncRequestedController } from './sync-subscription/sync-requested.controller';
import { SyncZuoraSubscriptionService } from './sync-subscription/sync-zuora-subscription.service';
import { ZuoraSubscriptionWriter } from './sync-subscription/zuora-subscription.writer';
import { zuoraSubscriptionListers } from './backfill/zuora-subscription.listers';
import { ZUORA_CONFIG } from './zuora-sync.tokens';

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
    return providerSyncModule(ZuoraSyncModule, sync, lookups, {
      provider: 'zuora',
      source: 'zuora-sync',
      client: ZuoraClient,
      listers: zuoraSubscriptionListers,
    });
  }
}
