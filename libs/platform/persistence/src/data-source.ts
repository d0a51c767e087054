import { DataSource, type DataSourceOptions } from 'typeorm';
import { AddressEntity } from './entities/address.entity';
import { CustomerAccountEntity } from './entities/customer-account.entity';
import { CustomerEntity } from './entities/customer.entity';
import { InboxMessageEntity } from './entities/inbox-message.entity';
import { OutboxMessageEntity } from './entities/outbox-message.entity';
import { OwnerIdentityEntity } from './entities/owner-identity.entity';
import { PaymentMethodEntity } from './entities/payment-method.entity';
import { ScheduleEntryEntity } from './entities/schedule-entry.entity';
import { SubscriptionEntity } from './entities/subscription.entity';
import { SubscriptionReferenceEntity } from './entities/subscription-reference.entity';
import { SyncEventEntity } from './entities/sync-event.entity';
import { InitialSchema1763683200000 } from './migrations/1763683200000-initial-schema';
import { CatalogOffersCallouts1763769600000 } from './migrations/1763769600000-catalog-offers-callouts';
import { HotSyncSettings1763856000000 } from './migrations/1763856000000-hot-sync-settings';
import { EventsLog1763942400000 } from './migrations/1763942400000-events-log';
import { SyncCostIndexes1764028800000 } from './migrations/1764028800000-sync-cost-indexes';
import { Coalescing1764201600000 } from './migrations/1764201600000-coalescing';
import { UpstreamBudgets1764288000000 } from './migrations/1764288000000-upstream-budgets';
import { StripeWebhookEvents1764380000000 } from './migrations/1764380000000-stripe-webhook-events';
import { SealedProviderSecrets1764460800000 } from './migrations/1764460800000-sealed-provider-secrets';
import { BackfillsAndReconcile1764547200000 } from './migrations/1764547200000-backfills-and-reconcile';
import { MetricSamples1764633600000 } from './migrations/1764633600000-metric-samples';
import { SubscriptionReferences1764720000000 } from './migrations/1764720000000-subscription-references';
import { AuthProviderEntity } from './entities/auth-provider.entity';
import { SettingEntity } from './entities/setting.entity';
import { CalloutNotificationEntity } from './entities/callout-notification.entity';
import { SubscriptionOfferEntity } from './entities/subscription-offer.entity';
import { ZuoraCatalogMappingEntity } from './entities/zuora-catalog-mapping.entity';
import { preparingPgDriver } from './prepared-statements';

export const ENTITIES = [
  CustomerEntity,
  CustomerAccountEntity,
  OwnerIdentityEntity,
  SubscriptionEntity,
  SubscriptionReferenceEntity,
  AddressEntity,
  ScheduleEntryEntity,
  PaymentMethodEntity,
  SyncEventEntity,
  OutboxMessageEntity,
  InboxMessageEntity,
  ZuoraCatalogMappingEntity,
  SubscriptionOfferEntity,
  CalloutNotificationEntity,
  SettingEntity,
  AuthProviderEntity,
];

export const MIGRATIONS = [
  InitialSchema1763683200000,
  CatalogOffersCallouts1763769600000,
  HotSyncSettings1763856000000,
  EventsLog1763942400000,
  SyncCostIndexes1764028800000,
  Coalescing1764201600000,
  UpstreamBudgets1764288000000,
  StripeWebhookEvents1764380000000,
  SealedProviderSecrets1764460800000,
  BackfillsAndReconcile1764547200000,
  MetricSamples1764633600000,
  SubscriptionReferences1764720000000,
];

export interface DataSourceTuning {
  /** Named statements, prepared once per connection (see {@link preparingPgDriver}); default on. */
  preparedStatements?: boolean;
}

export function dataSourceOptions(
  databaseUrl: string,
  applicationName: string,
  tuning: DataSourceTuning = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    ...(tuning.preparedStatements === false ? {} : { driver: preparingPgDriver() }),
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    // The schema only ever changes through migrations.
    synchronize: false,
    migrationsRun: false,
    applicationName,
    // pipeline: a connection sends a query without waiting for the answer to the one before
    // when it is given several at once (a transaction's writes, see WritePipeline); one at a
    // time, as TypeORM itself queries, nothing changes.
    extra: { max: 10, connectionTimeoutMillis: 5_000, pipeline: true },
  };
}

export function createDataSource(
  databaseUrl: string,
  applicationName: string,
  tuning: DataSourceTuning = {},
): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl, applicationName, tuning));
}
