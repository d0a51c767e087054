import { type DynamicModule, Module } from '@nestjs/common';
import {
  loadConfigOrExit,
  readStripeConfig,
  type StripeConfig,
  type SyncConfig,
} from '@subsync/config';
import { providerSyncModule, type SyncRequestLookups } from '@subsync/sync';
import { upstreamCallObserver } from '@subsync/metrics';
import { UpstreamBudgetLifecycle } from '@subsync/upstream-budget';
import { StripeClient } from '@subsync/stripe-client';
import { StripeSubscriptionWriter } from './sync-subscription/stripe-subscription.writer';
import { SyncRequestedController } from './sync-subscription/sync-requested.controller';
import { SyncStripeSubscriptionService } from './sync-subscription/sync-stripe-subscription.service';
import { stripeSubscriptionListers } from './backfill/stripe-subscription.listers';
import { STRIPE_CONFIG } from './stripe-sync.tokens';

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
    return providerSyncModule(StripeSyncModule, sync, lookups, {
      provider: 'stripe',
      source: 'stripe-sync',
      client: StripeClient,
      listers: stripeSubscriptionListers,
    });
  }
}
