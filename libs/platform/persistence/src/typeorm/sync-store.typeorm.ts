import type { DataSource, EntityManager } from 'typeorm';
import type {
  AuthProviderConfig,
  BackfillStatus,
  CatalogOffer,
  CustomerCard,
  CustomerContact,
  Envelope,
  PaymentCard,
  Provider,
  Topic,
  TopicData,
  ZuoraSettings,
} from '@subsync/domain';
import { CustomerEntity } from '../entities/customer.entity';
import type {
  AccountLink,
  BackfillProgress,
  SyncedSubscriptionWrite,
  SyncReads,
  SyncStore,
  SyncUnitOfWork,
} from '../ports/sync-store.port';
import { loadCatalogMappings } from '../repositories/catalog-mapping.repository';
import {
  loadCustomerCards,
  saveCustomerCards,
} from '../repositories/customer-payment-methods.repository';
import {
  type BackfillPageSave,
  claimBackfillJob,
  findBackfillJob,
  lockLeasedBackfillJob,
  pendingBackfillSyncs,
  renewBackfillLease,
  saveBackfillPage,
  setBackfillStatus,
} from '../repositories/backfill-jobs.repository';
import {
  claimCalloutNotification,
  eventOfCalloutNotification,
} from '../repositories/callout-notifications.repository';
import type { Owner } from '../repositories/owner.repository';
import {
  claimStripeEvent,
  findHeldStripeSubscription,
  findHeldStripeSubscriptionsOfCustomer,
  findStripeEvent,
  type HeldStripeSubscription,
  type RecordedStripeEvent,
  recordStripeEventOutcome,
} from '../repositories/stripe-webhook-events.repository';
import {
  advanceReconcileWatermark,
  claimReconcileSweep,
} from '../repositories/reconcile-watermark.repository';
import { loadPaymentCard, savePaymentCard } from '../repositories/payment-card.repository';
import { findAuthProvider, loadZuoraSettings } from '../repositories/settings.repository';
import {
  findSubscriptionRef,
  lookupSyncRequests,
  type SubscriptionRef,
  type SyncRequestLookup,
} from '../repositories/subscription-lookup';
import {
  completeEventsStatement,
  insertQueuedEvent,
  queuedEventInsert,
  type QueuedSyncEvent,
  type SyncEventResult,
} from '../repositories/sync-event.repository';
import {
  accountLinksInsert,
  customerContactsUpdate,
  findOrPlanOwners,
  lockStoredSubscriptions,
  type StoredSubscription,
  syncedSubscriptionWrites,
} from '../repositories/synced-subscriptions.batch';
import { inPipelinedTransaction } from './pipelined-transaction';
import { WritePipeline } from './write-pipeline';

/** The inbox table as the adapter uses it (libs/platform/messaging's InboxTypeOrm). */
export interface InboxTable {
  readonly consumer: string;
  processedAmong(
    manager: EntityManager,
    messageIds: readonly string[],
  ): Promise<{ processed: Set<string> }>;
  claimAll(
    manager: EntityManager,
    messageIds: readonly string[],
    topic: string,
  ): Promise<{ claimed: Set<string>; transactionStartedAt: Date | null }>;
  release(manager: EntityManager, messageIds: readonly string[]): Promise<void>;
}

/** The outbox table as the adapter uses it (libs/platform/messaging's OutboxTypeOrm). */
export interface OutboxTable {
  /** The `INSERT` that queues the messages, its parameters numbered from `$first`. */
  insertOf<T extends Topic>(
    topic: T,
    envelopes: readonly Envelope<TopicData[T]>[],
    first: number,
  ): { sql: string; parameters: unknown[]; messages: readonly unknown[] };
  /** Hands back, after the commit, the messages its inserts said they queued. */
  notifyCommitted(messages: readonly unknown[]): void;
}

/**
 * The sync store on PostgreSQL, through one entity manager (a transaction's, or the pool's).
 * In a transaction, the writes of a sync (owners, contacts, account links, subscription rows,
 * Events, outbox) go out pipelined, without waiting for their answers; see {@link WritePipeline}.
 */
export class SyncStoreTypeOrm implements SyncStore {
  /** The messages this store queued (the relay is handed them once the transaction commits). */
  readonly enqueued: unknown[] = [];
  /** Settled by the unit of work before it commits. */
  readonly writes: WritePipeline;

  constructor(
    readonly manager: EntityManager,
    private readonly inbox: InboxTable,
    private readonly outbox: OutboxTable,
    options: { inTransaction: boolean } = { inTransaction: false },
  ) {
    this.writes = new WritePipeline(manager, options.inTransaction);
  }

  findSubscription(ref: string): Promise<SubscriptionRef | null> {
    return findSubscriptionRef(this.manager, ref);
  }

  async processedAmong(messageIds: readonly string[]): Promise<Set<string>> {
    return (await this.inbox.processedAmong(this.manager, messageIds)).processed;
  }

  lookUpSyncRequests(
    refs: readonly string[],
    messageIds: readonly string[],
  ): Promise<SyncRequestLookup> {
    return lookupSyncRequests(this.manager, this.inbox.consumer, refs, messageIds);
  }

  async databaseNow(): Promise<Date> {
    const [row]: { now: Date }[] = await this.manager.query('SELECT clock_timestamp() AS now');
    return row!.now;
  }

  loadZuoraSettings(): Promise<ZuoraSettings> {
    return loadZuoraSettings(this.manager);
  }

  findAuthProvider(by: {
    providerId?: string;
    issuer: string;
  }): Promise<AuthProviderConfig | null> {
    return findAuthProvider(this.manager, by);
  }

  claimMessages(
    messageIds: readonly string[],
    topic: string,
  ): Promise<{ claimed: Set<string>; transactionStartedAt: Date | null }> {
    return this.inbox.claimAll(this.manager, messageIds, topic);
  }

  releaseMessages(messageIds: readonly string[]): Promise<void> {
    return this.inbox.release(this.manager, messageIds);
  }

  lockSubscriptions(
    provider: Provider,
    keys: readonly string[],
  ): Promise<Map<string, StoredSubscription>> {
    return lockStoredSubscriptions(this.manager, provider, keys);
  }

  writeSubscriptions(
    provider: Provider,
    writes: readonly SyncedSubscriptionWrite[],
  ): Promise<void> {
    return this.writes.send(syncedSubscriptionWrites(provider, writes));
  }

  loadCatalogMappings(productRatePlanIds: readonly string[]): Promise<Map<string, CatalogOffer>> {
    return loadCatalogMappings(this.manager, [...productRatePlanIds]);
  }

  async findOrCreateOwners(
    provider: Provider,
    accounts: readonly { id: string; contact: CustomerContact }[],
  ): Promise<Map<string, Owner>> {
    const { owners, inserts } = await findOrPlanOwners(this.manager, provider, accounts);
    await this.writes.send(inserts);
    return owners;
  }

  async loadCustomerContact(customerId: string): Promise<CustomerContact> {
    const customer = await this.manager
      .getRepository(CustomerEntity)
      .findOneByOrFail({ id: customerId });
    return { name: customer.name, email: customer.email };
  }

  updateCustomerContacts(
    contacts: readonly { customerId: string; contact: CustomerContact }[],
  ): Promise<void> {
    return this.writes.send([customerContactsUpdate(contacts)]);
  }

  linkAccounts(links: readonly AccountLink[]): Promise<void> {
    return this.writes.send([accountLinksInsert(links)]);
  }

  loadPaymentCard(subscriptionId: string, provider: Provider): Promise<PaymentCard | null> {
    return loadPaymentCard(this.manager, subscriptionId, provider);
  }

  savePaymentCard(
    target: { customerId: string; subscriptionId: string; provider: Provider },
    card: PaymentCard | null,
  ): Promise<void> {
    const { customerId, subscriptionId, provider } = target;
    return savePaymentCard(this.manager, { customerId, subscriptionId, service: provider }, card);
  }

  loadCustomerCards(customerId: string, provider: Provider): Promise<CustomerCard[]> {
    return loadCustomerCards(this.manager, customerId, provider);
  }

  saveCustomerCards(
    target: { customerId: string; provider: Provider },
    cards: readonly CustomerCard[],
  ): Promise<void> {
    return saveCustomerCards(
      this.manager,
      { customerId: target.customerId, service: target.provider },
      [...cards],
    );
  }

  insertQueuedEvent(event: QueuedSyncEvent): Promise<void> {
    return insertQueuedEvent(this.manager, event);
  }

  completeEvents(
    completions: readonly { event: QueuedSyncEvent; result: SyncEventResult }[],
  ): Promise<void> {
    return this.writes.send([completeEventsStatement(completions)]);
  }

  async enqueue<T extends Topic>(
    topic: T,
    envelopes: readonly Envelope<TopicData[T]>[],
  ): Promise<void> {
    if (envelopes.length === 0) return;
    const insert = this.outbox.insertOf(topic, envelopes, 1);
    await this.writes.send([insert]);
    this.enqueued.push(...insert.messages);
  }

  async lockHotSyncAccount(account: string): Promise<Date | null> {
    const rows: { last_queued_at: Date }[] = await this.manager.query(
      'SELECT last_queued_at FROM hot_sync_accounts WHERE account = $1 FOR UPDATE',
      [account],
    );
    return rows[0]?.last_queued_at ?? null;
  }

  async markHotSyncQueued(account: string, at: Date): Promise<void> {
    await this.manager.query(
      `INSERT INTO hot_sync_accounts (account, last_queued_at) VALUES ($1, $2)
       ON CONFLICT (account) DO UPDATE SET last_queued_at = EXCLUDED.last_queued_at`,
      [account, at],
    );
  }
  claimReconcileSweep(
    provider: Provider,
    input: { now: Date; intervalMs: number; firstWatermark: Date },
  ): Promise<Date | null> {
    return claimReconcileSweep(this.manager, provider, input);
  }

  advanceReconcileWatermark(
    provider: Provider,
    input: { watermark: Date; now: Date; queued: number },
  ): Promise<void> {
    return advanceReconcileWatermark(this.manager, provider, input);
  }

  eventOfCalloutNotification(notificationId: string): Promise<string> {
    return eventOfCalloutNotification(this.manager, notificationId);
  }

  claimCalloutNotification(notificationId: string, eventId: string): Promise<boolean> {
    return claimCalloutNotification(this.manager, notificationId, eventId);
  }

  claimStripeEvent(stripeEventId: string, type: string, receivedAt: Date): Promise<boolean> {
    return claimStripeEvent(this.manager, stripeEventId, type, receivedAt);
  }

  findStripeEvent(stripeEventId: string): Promise<RecordedStripeEvent | null> {
    return findStripeEvent(this.manager, stripeEventId);
  }

  recordStripeEventOutcome(stripeEventId: string, recorded: RecordedStripeEvent): Promise<void> {
    return recordStripeEventOutcome(this.manager, stripeEventId, recorded);
  }

  findHeldStripeSubscription(stripeSubscriptionId: string): Promise<HeldStripeSubscription | null> {
    return findHeldStripeSubscription(this.manager, stripeSubscriptionId);
  }

  findHeldStripeSubscriptionsOfCustomer(
    stripeCustomerId: string,
  ): Promise<HeldStripeSubscription[]> {
    return findHeldStripeSubscriptionsOfCustomer(this.manager, stripeCustomerId);
  }

  claimBackfillJob(provider: Provider, holder: string, leaseMs: number): Promise<string | null> {
    return claimBackfillJob(this.manager, provider, holder, leaseMs);
  }

  renewBackfillLease(id: string, holder: string, leaseMs: number): Promise<boolean> {
    return renewBackfillLease(this.manager, id, holder, leaseMs);
  }

  async loadBackfillProgress(id: string): Promise<BackfillProgress | null> {
    const job = await findBackfillJob(this.manager, id);
    if (job === null) return null;
    const { status, filter, checkpoint, listingDone, correlationId } = job;
    const pending = await pendingBackfillSyncs(this.manager, id);
    return { status, filter, checkpoint, listingDone, correlationId, pending };
  }

  async lockLeasedBackfillJob(id: string, holder: string): Promise<boolean> {
    return (await lockLeasedBackfillJob(this.manager, id, holder)) !== null;
  }

  saveBackfillPage(id: string, page: BackfillPageSave): Promise<void> {
    return saveBackfillPage(this.manager, id, page);
  }

  setBackfillStatus(
    id: string,
    status: BackfillStatus,
    now: Date,
    error: string | null,
  ): Promise<void> {
    return setBackfillStatus(this.manager, id, status, now, error);
  }
}

/** Units of work on a TypeORM data source: one database transaction each. */
export class SyncUnitOfWorkTypeOrm implements SyncUnitOfWork {
  readonly reads: SyncReads;

  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: InboxTable,
    private readonly outbox: OutboxTable,
  ) {
    this.reads = new SyncStoreTypeOrm(dataSource.manager, inbox, outbox);
  }

  async run<T>(work: (store: SyncStore) => Promise<T>): Promise<T> {
    let store: SyncStoreTypeOrm | undefined;
    const result = await inPipelinedTransaction(
      this.dataSource,
      (manager) => {
        store = new SyncStoreTypeOrm(manager, this.inbox, this.outbox, { inTransaction: true });
        return work(store);
      },
      () => store?.writes.settle() ?? Promise.resolve(),
    );
    if (store && store.enqueued.length > 0) this.outbox.notifyCommitted(store.enqueued);
    return result;
  }

  async queue<T extends Topic>(
    event: QueuedSyncEvent,
    topic: T,
    envelopes: readonly Envelope<TopicData[T]>[],
  ): Promise<void> {
    // One statement outside a transaction is a transaction of its own: both rows or neither.
    const insertEvent = queuedEventInsert(event, 1);
    const insertMessages = this.outbox.insertOf(
      topic,
      envelopes,
      insertEvent.parameters.length + 1,
    );
    await this.dataSource.query(`WITH queued_event AS (${insertEvent.sql}) ${insertMessages.sql}`, [
      ...insertEvent.parameters,
      ...insertMessages.parameters,
    ]);
    if (insertMessages.messages.length > 0) this.outbox.notifyCommitted(insertMessages.messages);
  }
}
