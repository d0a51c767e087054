import { type FactoryProvider, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DatabasePingTypeOrm } from '../health/database-ping';
import { EventListQueryTypeOrm } from '../queries/event-list.query';
import { OverviewQueryTypeOrm } from '../queries/overview.query';
import { SubscriptionListQueryTypeOrm } from '../queries/subscription-list.query';
import { SubscriptionViewQueryTypeOrm } from '../queries/subscription-view.query';
import { SyncEventReadsTypeOrm } from '../queries/sync-event-reads.query';
import { AuthProvidersTypeOrm } from '../repositories/auth-providers.repository';
import { BackfillJobsTypeOrm } from '../repositories/backfill-jobs.store';
import { StripeWebhookEventsTypeOrm } from '../repositories/stripe-webhook-events.repository';
import { ZuoraMappingsTypeOrm } from '../repositories/zuora-mappings.repository';
import { ZuoraSettingsStoreTypeOrm } from '../repositories/zuora-settings.store';
import {
  AUTH_PROVIDERS,
  BACKFILL_JOBS,
  DATABASE_PING,
  EVENT_LIST_QUERY,
  OVERVIEW_QUERY,
  SUBSCRIPTION_LIST_QUERY,
  SUBSCRIPTION_VIEW_QUERY,
  STRIPE_WEBHOOK_EVENTS,
  SYNC_EVENT_READS,
  ZUORA_MAPPINGS,
  ZUORA_SETTINGS_STORE,
} from './gateway-persistence.tokens';

/** A port by its token, made with TypeORM from the runtime's `DataSource`. */
function onDataSource<T>(token: symbol, make: (dataSource: DataSource) => T): FactoryProvider<T> {
  return { provide: token, useFactory: make, inject: [DataSource] };
}

export const GATEWAY_PERSISTENCE_PROVIDERS: FactoryProvider[] = [
  onDataSource(OVERVIEW_QUERY, (db) => new OverviewQueryTypeOrm(db)),
  onDataSource(SUBSCRIPTION_LIST_QUERY, (db) => new SubscriptionListQueryTypeOrm(db)),
  onDataSource(SUBSCRIPTION_VIEW_QUERY, (db) => new SubscriptionViewQueryTypeOrm(db)),
  onDataSource(EVENT_LIST_QUERY, (db) => new EventListQueryTypeOrm(db)),
  onDataSource(SYNC_EVENT_READS, (db) => new SyncEventReadsTypeOrm(db)),
  onDataSource(DATABASE_PING, (db) => new DatabasePingTypeOrm(db)),
  onDataSource(ZUORA_MAPPINGS, (db) => new ZuoraMappingsTypeOrm(db)),
  onDataSource(ZUORA_SETTINGS_STORE, (db) => new ZuoraSettingsStoreTypeOrm(db)),
  onDataSource(AUTH_PROVIDERS, (db) => new AuthProvidersTypeOrm(db)),
  onDataSource(BACKFILL_JOBS, (db) => new BackfillJobsTypeOrm(db)),
  onDataSource(STRIPE_WEBHOOK_EVENTS, (db) => new StripeWebhookEventsTypeOrm(db)),
];

/** The gateway's persistence ports; needs `DataSource` (the service runtime provides it). */
@Global()
@Module({
  providers: GATEWAY_PERSISTENCE_PROVIDERS,
  exports: GATEWAY_PERSISTENCE_PROVIDERS.map((provider) => provider.provide),
})
export class GatewayPersistenceModule {}
