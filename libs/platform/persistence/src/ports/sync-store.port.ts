import type {
  Address,
  AuthProviderConfig,
  BackfillStatus,
  CatalogOffer,
  CustomerCard,
  CustomerContact,
  Envelope,
  PaymentCard,
  Provider,
  ScheduleReconciliation,
  SubscriptionOffer,
  SubscriptionTerms,
  Topic,
  TopicData,
  ZuoraSettings,
} from '@subsync/domain';
import type { AccountService } from '../entities/customer-account.entity';
import type { SubscriptionReferenceKind } from '../entities/subscription-reference.entity';
import type { BackfillJob, BackfillPageSave } from '../repositories/backfill-jobs.repository';
import type { Owner } from '../repositories/owner.repository';
import type {
  HeldStripeSubscription,
  RecordedStripeEvent,
} from '../repositories/stripe-webhook-events.repository';
import type { SubscriptionRef, SyncRequestLookup } from '../repositories/subscription-lookup';
import type { StoredSubscription } from '../repositories/synced-subscriptions.batch';
import type { QueuedSyncEvent, SyncEventResult } from '../repositories/sync-event.repository';

// What the sync use cases ask of the database: reads outside any transaction, and a store scoped
// to one transaction (a unit of work). Adapters: TypeORM (PostgreSQL) and in-memory (unit specs).
// Every batch method takes many rows at once: an adapter writes each kind of row in one go.

/**
 * An id of a subscription upstream besides its key, as data: another id naming it
 * (`subscription-alias`, as Zuora's per-version subscription id), or the billing account it is in
 * (`account`: a Zuora account number, a Stripe customer id).
 */
export interface UpstreamReference {
  kind: Exclude<SubscriptionReferenceKind, 'subscription'>;
  value: string;
}

/** One synced subscription to write: updated in place, or imported when `import` is present. */
export interface SyncedSubscriptionWrite {
  /** The platform id: the stored one, or a new one for an import. */
  id: string;
  terms: SubscriptionTerms;
  /** When the sync's transaction began: later syncs compare their fetch against it. */
  syncedAt: Date;
  /** References this sync refreshes; one not given keeps its stored value. */
  references: UpstreamReference[];
  /** The upstream's version of the snapshot, for a provider that versions subscriptions. */
  version?: number;
  /** For an import: the platform reference, the owner, and the upstream key it is locked by. */
  import?: { reference: string; owner: Owner; key: string };
  /** The addresses to hold, when they changed; undefined leaves them as they are. */
  addresses?: Address[];
  /** The offers to hold, when they changed; undefined leaves them as they are. */
  offers?: SubscriptionOffer[];
  schedule: ScheduleReconciliation;
}

/** A link of a customer to its account in another system. */
export interface AccountLink {
  customerId: string;
  service: AccountService;
  id: string;
}

/** A backfill job as its runner sees it. */
export type BackfillProgress = Pick<
  BackfillJob,
  'status' | 'filter' | 'checkpoint' | 'listingDone' | 'correlationId'
> & {
  /** Syncs the job queued that have not finished yet. */
  pending: number;
};

/** What can be read outside any transaction (before upstream calls). */
export interface SyncReads {
  /** The stored subscription any id names (platform id, reference, upstream ids); null if none. */
  findSubscription(ref: string): Promise<SubscriptionRef | null>;
  /** Which of these messages this service's inbox holds already. */
  processedAmong(messageIds: readonly string[]): Promise<Set<string>>;
  /**
   * What running sync requests needs, in one round trip: the subscriptions `refs` name, which of
   * `messageIds` this service processed already, and the database's clock.
   */
  lookUpSyncRequests(
    refs: readonly string[],
    messageIds: readonly string[],
  ): Promise<SyncRequestLookup>;
  /** The database's clock: what stored `lastSyncedAt` values compare against. */
  databaseNow(): Promise<Date>;
  loadZuoraSettings(): Promise<ZuoraSettings>;
  /** The provider a login names, or else the one whose issuer signed the token. */
  findAuthProvider(by: { providerId?: string; issuer: string }): Promise<AuthProviderConfig | null>;
  /** The Event the first delivery of a Zuora callout recorded; rejects when none did. */
  eventOfCalloutNotification(notificationId: string): Promise<string>;
}

/** The store of one transaction: reads see its writes; nothing is kept if the work throws. */
export interface SyncStore extends SyncReads {
  /**
   * Claims the messages not processed yet in this service's inbox; with the transaction's start
   * time (null when nothing was claimed).
   */
  claimMessages(
    messageIds: readonly string[],
    topic: string,
  ): Promise<{ claimed: Set<string>; transactionStartedAt: Date | null }>;
  /** Gives back claims made earlier in this transaction (messages that will be handled again). */
  releaseMessages(messageIds: readonly string[]): Promise<void>;

  /**
   * Locks the stored subscriptions of `provider` with these upstream keys (a Zuora subscription
   * number, a Stripe subscription id) and reads each one's state; keys not stored are absent.
   */
  lockSubscriptions(
    provider: Provider,
    keys: readonly string[],
  ): Promise<Map<string, StoredSubscription>>;
  /** Writes synced subscriptions of `provider`: rows, addresses, offers, schedules. */
  writeSubscriptions(provider: Provider, writes: readonly SyncedSubscriptionWrite[]): Promise<void>;
  /** The platform offers of Zuora product rate plans, by product rate plan id. */
  loadCatalogMappings(productRatePlanIds: readonly string[]): Promise<Map<string, CatalogOffer>>;

  /** The owner behind each billing account, created with the given contact on first sight. */
  findOrCreateOwners(
    provider: Provider,
    accounts: readonly { id: string; contact: CustomerContact }[],
  ): Promise<Map<string, Owner>>;
  loadCustomerContact(customerId: string): Promise<CustomerContact>;
  /** Gives customers their contact from upstream. */
  updateCustomerContacts(
    contacts: readonly { customerId: string; contact: CustomerContact }[],
  ): Promise<void>;
  /** Records customers' accounts in other systems; ones already recorded are kept. */
  linkAccounts(links: readonly AccountLink[]): Promise<void>;

  /** A subscription's card on file in `provider`. */
  loadPaymentCard(subscriptionId: string, provider: Provider): Promise<PaymentCard | null>;
  /** Makes `card` the subscription's card on file; null removes it. */
  savePaymentCard(
    target: { customerId: string; subscriptionId: string; provider: Provider },
    card: PaymentCard | null,
  ): Promise<void>;
  /** The cards of a customer's billing account in `provider` (not tied to a subscription). */
  loadCustomerCards(customerId: string, provider: Provider): Promise<CustomerCard[]>;
  /** Makes `cards` the customer's account-level cards in `provider`. */
  saveCustomerCards(
    target: { customerId: string; provider: Provider },
    cards: readonly CustomerCard[],
  ): Promise<void>;

  insertQueuedEvent(event: QueuedSyncEvent): Promise<void>;
  /** Closes Events (creating the ones that were never queued). */
  completeEvents(
    completions: readonly { event: QueuedSyncEvent; result: SyncEventResult }[],
  ): Promise<void>;
  /** Queues messages of one topic in the outbox; published once the transaction commits. */
  enqueue<T extends Topic>(topic: T, envelopes: readonly Envelope<TopicData[T]>[]): Promise<void>;

  /** Locks a hot-synced account's row; when it was last queued (null: never). */
  lockHotSyncAccount(account: string): Promise<Date | null>;
  markHotSyncQueued(account: string, at: Date): Promise<void>;

  /**
   * Claims `provider`'s reconcile sweep when it is due: moves its next run one interval on and
   * returns the high-water mark; null when it is not due or another process just claimed it.
   * The first claim starts the mark at `firstWatermark`.
   */
  claimReconcileSweep(
    provider: Provider,
    input: { now: Date; intervalMs: number; firstWatermark: Date },
  ): Promise<Date | null>;
  /** Moves `provider`'s mark forward (never back) once a sweep has queued what changed up to it. */
  advanceReconcileWatermark(
    provider: Provider,
    input: { watermark: Date; now: Date; queued: number },
  ): Promise<void>;

  /**
   * Leases to `holder` for `leaseMs` the oldest running backfill job of `provider` whose lease is
   * free, lapsed or `holder`'s already; its id, or null. Concurrent claims get different jobs.
   */
  claimBackfillJob(provider: Provider, holder: string, leaseMs: number): Promise<string | null>;
  /** Extends `holder`'s lease of a running job; false when the job is not its, or not running. */
  renewBackfillLease(id: string, holder: string, leaseMs: number): Promise<boolean>;
  /** A backfill job's state and its pending syncs; null when there is no such job. */
  loadBackfillProgress(id: string): Promise<BackfillProgress | null>;
  /** Locks the job for the transaction; false unless it is running and `holder` leases it. */
  lockLeasedBackfillJob(id: string, holder: string): Promise<boolean>;
  /** The checkpoint after a page, in the transaction that queued the page's syncs. */
  saveBackfillPage(id: string, page: BackfillPageSave): Promise<void>;
  /**
   * Records that a Zuora callout's notification is being synced as `eventId`. False when it
   * already is, or was synced or skipped; a notification whose sync failed is claimed again.
   */
  claimCalloutNotification(notificationId: string, eventId: string): Promise<boolean>;

  /** Claims a Stripe event id for this delivery; false when another delivery has it already. */
  claimStripeEvent(stripeEventId: string, type: string, receivedAt: Date): Promise<boolean>;
  /** What the first delivery of a Stripe event did; null when none was recorded. */
  findStripeEvent(stripeEventId: string): Promise<RecordedStripeEvent | null>;
  recordStripeEventOutcome(stripeEventId: string, recorded: RecordedStripeEvent): Promise<void>;
  /** The stored subscription with this Stripe subscription id; null if none. */
  findHeldStripeSubscription(stripeSubscriptionId: string): Promise<HeldStripeSubscription | null>;
  /** Every Stripe subscription the platform holds for this Stripe customer, by id. */
  findHeldStripeSubscriptionsOfCustomer(
    stripeCustomerId: string,
  ): Promise<HeldStripeSubscription[]>;

  /** Sets a job's status (a final one ends its lease); `error` is kept when given. */
  setBackfillStatus(
    id: string,
    status: BackfillStatus,
    now: Date,
    error: string | null,
  ): Promise<void>;
}

/**
 * Runs work in one transaction with its store; the outbox relay hears of what it queued once it
 * commits. Also the Nest token the services inject.
 */
export abstract class SyncUnitOfWork {
  /** Reads outside any transaction. */
  abstract readonly reads: SyncReads;
  abstract run<T>(work: (store: SyncStore) => Promise<T>): Promise<T>;
  /**
   * A unit of work that does only this: records a queued Event and the messages that announce
   * it, both or neither (a sync asked for over HTTP). Cheaper than `run` with the same two
   * writes: on PostgreSQL it is one statement, with no `BEGIN` and `COMMIT` of its own.
   */
  abstract queue<T extends Topic>(
    event: QueuedSyncEvent,
    topic: T,
    envelopes: readonly Envelope<TopicData[T]>[],
  ): Promise<void>;
}
