import type { DynamicModule, InjectionToken, Type } from '@nestjs/common';
import { loadConfigOrExit, readBulkSyncConfig, type SyncConfig } from '@subsync/config';
import { type Provider, Topics } from '@subsync/domain';
import { runConsumerService } from '@subsync/messaging';
import { bulkSyncProviders } from './backfill/bulk-sync.providers';
import type { SubscriptionListers } from './backfill/subscription-listers';
import { SyncRequestLookups } from './routing/sync-request-lookups';
import { syncRequestRouting } from './routing/sync-request-routing';
import { SyncModule } from './sync.module';

const PROVIDER_LISTERS = Symbol('PROVIDER_LISTERS');

/** What a provider service names about itself to get the shared sync machinery. */
export interface ProviderSyncOptions<TClient> {
  provider: Provider;
  /** The envelope `source` of what the service publishes (`<provider>-sync`). */
  source: string;
  /** The provider's client, a provider of the service's module. */
  client: InjectionToken;
  /** How the client lists subscriptions, for backfills and the reconcile sweep. */
  listers: (client: TClient) => SubscriptionListers;
}

/**
 * The dynamic part of a provider service's module (`module`): the sync use case (the runner,
 * under the service's upstream deadline, with the lookups its consumer makes), and its backfills
 * and reconcile sweep, configured from the environment (BULK_SYNC_*).
 */
export function providerSyncModule<TClient>(
  module: Type,
  sync: SyncConfig,
  lookups: SyncRequestLookups,
  options: ProviderSyncOptions<TClient>,
): DynamicModule {
  return {
    module,
    imports: [SyncModule.forRoot({ upstreamDeadlineMs: sync.upstreamDeadlineMs, lookups })],
    providers: [
      { provide: PROVIDER_LISTERS, inject: [options.client], useFactory: options.listers },
      ...bulkSyncProviders({
        provider: options.provider,
        source: options.source,
        config: loadConfigOrExit(() => readBulkSyncConfig(process.env)),
        listers: PROVIDER_LISTERS,
      }),
    ],
  };
}

/**
 * Runs a provider's sync service (`<provider>-sync`, consumer group `subsync.<provider>-sync`):
 * it consumes `sync.requested.v1`, keeps the requests of `provider` (looked up as they are
 * fetched, see {@link syncRequestRouting}) and serves them with the module `register` builds.
 */
export function runProviderSyncService(
  provider: Provider,
  sync: SyncConfig,
  register: (sync: SyncConfig, lookups: SyncRequestLookups) => DynamicModule,
): void {
  const name = `${provider}-sync`;
  runConsumerService({
    name,
    groupId: `subsync.${name}`,
    maxInFlight: sync.maxInFlight,
    parts: (runtime) => {
      const lookups = new SyncRequestLookups(runtime.unitOfWork.reads);
      return {
        module: register(sync, lookups),
        routing: { [Topics.syncRequested]: syncRequestRouting(provider, lookups) },
      };
    },
  });
}
