import { type DynamicModule, Module } from '@nestjs/common';
import {
  loadConfigOrExit,
  readBulkSyncConfig,
  readStripeConfig,
  type StripeConfig,
  type SyncConfig,
} from '@subsync/config';
import { bulkSyncProviders, SyncModule, type SyncRequestLookups } from '@subsync/sync';
import { upstreamCallObserver } from '@subsync/metrics';
import { UpstreamBudgetLifecycle } from '@subsync/upstream-budget';
import { StripeClient } from '@subsync/stripe-client';
import { StripeSubscriptionWriter } from './sync-subscription/stripe-subscription.writer';
import { SyncRequestedController } from './sync-subscription/sync-requested.controller';
import { SyncStripeSubscriptionService } from './sync-subscription/sync-stripe-subscription.service';
import { stripeSubscriptionListers } from './backfill/stripe-subscription.listers';
import { STRIPE_CONFIG, STRIPE_LISTERS } from './stripe-sync.tokens';

@Module({
  controllers: [SyncRequestedController],
  providers: [
    {
      provide: STRIPE_CONFIG,
      useFactory: () => loadConfigOrExit(() => readStripeConfig(process.env)),
    },
    UpstreamBudgetLifecycle,
    {
      provide: StripeClient,
      inject: [STRIPE_CONFIG, UpstreamBudgetLifecycle],
      useFactory: (config: StripeConfig, budgets: UpstreamBudgetLifecycle) =>
        new StripeClient({
          ...config,
          rate: budgets.stripeAccount(config),
          observer: upstreamCallObserver('stripe'),
        }),
    },
    SyncStripeSubscriptionService,
    StripeSubscriptionWriter,
  ],
})
export class StripeSyncModule {
  static register(sync: SyncConfig, lookups: SyncRequestLookups): DynamicModule {
    return {
      module: StripeSyncModule,
      imports: [SyncModule.forRoot({ upstreamDeadlineMs: sync.upstreamDeadlineMs, lookups })],
      providers: [
        { provide: STRIPE_LISTERS, inject: [StripeClient], useFactory: stripeSubscriptionListers },
        ...bulkSyncProviders({
          provider: 'stripe',
          source: 'stripe-sync',
          config: loadConfigOrExit(() => readBulkSyncConfig(process.env)),
          listers: STRIPE_LISTERS,
        }),
      ],
    };
  }
}
