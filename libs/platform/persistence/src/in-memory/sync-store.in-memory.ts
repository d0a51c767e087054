import {
  type Address,
  type AuthProviderConfig,
  type BackfillStatus,
  type CatalogOffer,
  type CustomerCard,
  type CustomerContact,
  type Envelope,
  newPlatformId,
  type PaymentCard,
  type Provider,
  type ScheduleEntry,
  type SubscriptionOffer,
  type SubscriptionTerms,
  type Topic,
  type TopicData,
  type ZuoraSettings,
} from '@subsync/domain';
import type {
  AccountLink,
  BackfillProgress,
  SyncedSubscriptionWrite,
  SyncReads,
  SyncStore,
  SyncUnitOfWork,
  UpstreamReference,
} from '../ports/sync-store.port';
import type { BackfillJob, BackfillPageSave } from '../repositories/backfill-jobs.repository';
import type { Owner } from '../repositories/owner.repository';
import type {
  HeldStripeSubscription,
  RecordedStripeEvent,
} from '../repositories/stripe-webhook-events.repository';
import type { SubscriptionRef, SyncRequestLookup } from '../repositories/subscription-lookup';
import type { StoredSubscription } from '../repositories/synced-subscriptions.batch';
import type { QueuedSyncEvent, SyncEventResult } from '../repositories/sync-event.repository';

// The sync store in memory, for fast specs of the use cases: the same rules as the TypeORM
// adapter (the shared contract suite checks both), with the data in plain maps.

export interface InMemorySubscription {
  id: string;
  reference: string;
  source: Provider;
  /** The upstream key it is locked by (a Zuora subscription number, a Stripe subscription id). */
  key: string;
  ownerId: string;
  customerId: string;
  imported: boolean;
  references: Partial<Record<UpstreamReference['kind'], string>>;
  version: number | null;
  lastSyncedAt: Date | null;
  terms: SubscriptionTerms;
  addresses: Address[];
  offers: SubscriptionOffer[];
  schedule: ScheduleEntry[];
}

export interface InMemoryCard {
  id: string;
  customerId: string;
  subscriptionId: string | null;
  provider: Provider;
  externalId: string;
  brand: string | null;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
  isDefault: boolean;
}

/** A backfill job's row: the job's state, its running counts, and its lease. */
export type InMemoryBackfillJob = Omit<
  BackfillJob,
  'counts' | 'syncSkipped' | 'createdBy' | 'updatedAt' | 'completedAt'
> &
  Omit<BackfillPageSave, 'checkpoint' | 'listingDone' | 'now'> & {
    leaseOwner: string | null;
    leaseUntil: Date | null;
  };

export interface InMemoryEvent {
  event: QueuedSyncEvent;
  status: SyncEventResult['status'] | 'queued';
  result: SyncEventResult | null;
}

/** Everything the in-memory store holds; specs read it to see what a use case wrote. */
export interface InMemorySyncData {
  subscriptions: Map<string, InMemorySubscription>;
  customers: Map<string, CustomerContact>;
  /** Owner identities by `<issuer> <subject>`. */
  owners: Map<string, Owner>;
  /** Customers' accounts in other systems: customer id by `<service> <external id>`. */
  accounts: Map<string, string>;
  cards: InMemoryCard[];
  catalog: Map<string, CatalogOffer>;
  inbox: Set<string>;
  events: Map<string, InMemoryEvent>;
  outbox: { topic: Topic; envelope: Envelope<unknown> }[];
  settings: ZuoraSettings;
  authProviders: AuthProviderConfig[];
  hotSyncAccounts: Map<string, Date>;
  reconcileWatermarks: Map<Provider, { watermark: Date; nextRunAt: Date; lastQueued: number }>;
  backfillJobs: Map<string, InMemoryBackfillJob>;
  /** Zuora callout notifications: the Event each is synced as. */
  calloutNotifications: Map<string, string>;
  stripeEvents: Map<string, RecordedStripeEvent & { type: string; receivedAt: Date }>;
}

function emptyData(): InMemorySyncData {
  return {
    subscriptions: new Map(),
    customers: new Map(),
    owners: new Map(),
    accounts: new Map(),
    cards: [],
    catalog: new Map(),
    inbox: new Set(),
    events: new Map(),
    outbox: [],
    settings: { hotSyncEnabled: false },
    authProviders: [],
    hotSyncAccounts: new Map(),
    reconcileWatermarks: new Map(),
    backfillJobs: new Map(),
    calloutNotifications: new Map(),
    stripeEvents: new Map(),
  };
}

const byKey =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

class SyncStoreInMemory implements SyncStore {
  constructor(
    private readonly data: () => InMemorySyncData,
    private readonly clock: () => Date,
    private readonly startedAt: Date,
    private readonly onEnqueue: () => void = () => undefined,
  ) {}

  findSubscription(ref: string): Promise<SubscriptionRef | null> {
    const all = [...this.data().subscriptions.values()];
    // The same order as the SQL lookup: platform id, reference, upstream keys, Zuora id.
    const found =
      this.data().subscriptions.get(ref) ??
      all.find((s) => s.reference === ref) ??
      all.find((s) => s.key === ref) ??
      all.find((s) => s.references['subscription-alias'] === ref);
    if (found === undefined) return Promise.resolve(null);
    return Promise.resolve({
      id: found.id,
      source: found.source,
      ownerId: found.ownerId,
      key: found.key,
    });
  }

  processedAmong(messageIds: readonly string[]): Promise<Set<string>> {
    return Promise.resolve(new Set(messageIds.filter((id) => this.data().inbox.has(id))));
  }

  async lookUpSyncRequests(
    refs: readonly string[],
    messageIds: readonly string[],
  ): Promise<SyncRequestLookup> {
    const subscriptions = new Map<string, SubscriptionRef>();
    for (const ref of new Set(refs)) {
      const found = await this.findSubscription(ref);
      if (found !== null) subscriptions.set(ref, found);
    }
    return {
      checkedAt: this.clock(),
      processed: await this.processedAmong(messageIds),
      subscriptions,
    };
  }

  databaseNow(): Promise<Date> {
    return Promise.resolve(this.clock());
  }

  loadZuoraSettings(): Promise<ZuoraSettings> {
    return Promise.resolve({ ...this.data().settings });
  }

  findAuthProvider(by: {
    providerId?: string;
    issuer: string;
  }): Promise<AuthProviderConfig | null> {
    const providers = this.data().authProviders;
    return Promise.resolve(
      (by.providerId === undefined ? undefined : providers.find((p) => p.id === by.providerId)) ??
        providers.find((p) => p.issuer === by.issuer) ??
        null,
    );
  }

  claimMessages(
    messageIds: readonly string[],
    _topic: string,
  ): Promise<{ claimed: Set<string>; transactionStartedAt: Date | null }> {
    const claimed = new Set<string>();
    for (const id of messageIds) {
      if (this.data().inbox.has(id)) continue;
      this.data().inbox.add(id);
      claimed.add(id);
    }
    return Promise.resolve({
      claimed,
      transactionStartedAt: claimed.size > 0 ? this.startedAt : null,
    });
  }

  releaseMessages(messageIds: readonly string[]): Promise<void> {
    for (const id of messageIds) this.data().inbox.delete(id);
    return Promise.resolve();
  }

  lockSubscriptions(
    provider: Provider,
    keys: readonly string[],
  ): Promise<Map<string, StoredSubscription>> {
    const wanted = new Set(keys);
    const stored = new Map<string, StoredSubscription>();
    for (const s of this.data().subscriptions.values()) {
      if (s.source !== provider || !wanted.has(s.key)) continue;
      stored.set(s.key, {
        id: s.id,
        ownerId: s.ownerId,
        customerId: s.customerId,
        version: s.version,
        lastSyncedAt: s.lastSyncedAt,
        local: structuredClone({
          terms: s.terms,
          customer: this.data().customers.get(s.customerId)!,
          addresses: [...s.addresses].sort(byKey((a) => a.type)),
          offers: [...s.offers].sort(byKey((o) => o.sourceKey)),
          schedule: [...s.schedule].sort(byKey((e) => `${e.date} ${e.id}`)),
        }),
      });
    }
    return Promise.resolve(stored);
  }

  writeSubscriptions(
    provider: Provider,
    writes: readonly SyncedSubscriptionWrite[],
  ): Promise<void> {
    const { subscriptions } = this.data();
    for (const write of writes) {
      const references = Object.fromEntries(
        write.references.map((reference) => [reference.kind, reference.value]),
      );
      const existing = subscriptions.get(write.id);
      if (write.import === undefined) {
        if (existing === undefined) continue;
        Object.assign(existing, {
          terms: { ...write.terms },
          lastSyncedAt: write.syncedAt,
          references: { ...existing.references, ...references },
          version: write.version ?? existing.version,
        });
      } else {
        if (existing !== undefined) throw new Error(`subscription ${write.id} exists already`);
        subscriptions.set(write.id, {
          id: write.id,
          reference: write.import.reference,
          source: provider,
          key: write.import.key,
          ownerId: write.import.owner.ownerId,
          customerId: write.import.owner.customerId,
          imported: true,
          references,
          version: write.version ?? null,
          lastSyncedAt: write.syncedAt,
          terms: { ...write.terms },
          addresses: [],
          offers: [],
          schedule: [],
        });
      }
    }
    for (const write of writes) {
      const subscription = subscriptions.get(write.id)!;
      if (write.addresses !== undefined) subscription.addresses = structuredClone(write.addresses);
      if (write.offers !== undefined) subscription.offers = structuredClone(write.offers);
      applySchedule(subscription, write.schedule);
    }
    return Promise.resolve();
  }

  loadCatalogMappings(productRatePlanIds: readonly string[]): Promise<Map<string, CatalogOffer>> {
    const found = new Map<string, CatalogOffer>();
    for (const id of productRatePlanIds) {
      const offer = this.data().catalog.get(id);
      if (offer !== undefined) found.set(id, { ...offer });
    }
    return Promise.resolve(found);
  }

  findOrCreateOwners(
    provider: Provider,
    accounts: readonly { id: string; contact: CustomerContact }[],
  ): Promise<Map<string, Owner>> {
    const data = this.data();
    const owners = new Map<string, Owner>();
    for (const { id, contact } of accounts) {
      if (owners.has(id)) continue;
      const known = data.owners.get(`${provider} ${id}`);
      if (known !== undefined) {
        owners.set(id, { ...known });
        continue;
      }
      // A customer already linked to the account (through another system) gets the owner identity.
      let customerId = data.accounts.get(`${provider} ${id}`);
      const customerCreated = customerId === undefined;
      if (customerId === undefined) {
        customerId = newPlatformId('cus');
        data.customers.set(customerId, { ...contact });
      }
      const owner = { ownerId: newPlatformId('id'), customerId };
      data.owners.set(`${provider} ${id}`, owner);
      owners.set(id, { ...owner, ...(customerCreated ? { customerCreated: true as const } : {}) });
    }
    return Promise.resolve(owners);
  }

  loadCustomerContact(customerId: string): Promise<CustomerContact> {
    const contact = this.data().customers.get(customerId);
    if (contact === undefined) return Promise.reject(new Error(`no customer ${customerId}`));
    return Promise.resolve({ ...contact });
  }

  updateCustomerContacts(
    contacts: readonly { customerId: string; contact: CustomerContact }[],
  ): Promise<void> {
    for (const { customerId, contact } of contacts) {
      if (this.data().customers.has(customerId))
        this.data().customers.set(customerId, { ...contact });
    }
    return Promise.resolve();
  }

  linkAccounts(links: readonly AccountLink[]): Promise<void> {
    for (const link of links) {
      const key = `${link.service} ${link.id}`;
      if (!this.data().customers.has(link.customerId)) {
        return Promise.reject(new Error(`no customer ${link.customerId}`));
      }
      if (!this.data().accounts.has(key)) this.data().accounts.set(key, link.customerId);
    }
    return Promise.resolve();
  }

  loadPaymentCard(subscriptionId: string, provider: Provider): Promise<PaymentCard | null> {
    const row = this.data().cards.find(
      (card) =>
        card.subscriptionId === subscriptionId && card.provider === provider && card.isDefault,
    );
    if (
      row === undefined ||
      row.brand === null ||
      row.last4 === null ||
      row.expMonth === null ||
      row.expYear === null
    ) {
      return Promise.resolve(null);
    }
    const { brand, last4, expMonth, expYear, externalId } = row;
    return Promise.resolve({ brand, last4, expMonth, expYear, externalId });
  }

  savePaymentCard(
    target: { customerId: string; subscriptionId: string; provider: Provider },
    card: PaymentCard | null,
  ): Promise<void> {
    const data = this.data();
    data.cards = data.cards.filter(
      (row) =>
        row.subscriptionId !== target.subscriptionId ||
        row.provider !== target.provider ||
        row.externalId === card?.externalId,
    );
    if (card === null) return Promise.resolve();
    this.putCard({
      customerId: target.customerId,
      subscriptionId: target.subscriptionId,
      provider: target.provider,
      ...card,
      isDefault: true,
    });
    return Promise.resolve();
  }

  loadCustomerCards(customerId: string, provider: Provider): Promise<CustomerCard[]> {
    return Promise.resolve(
      this.data()
        .cards.filter(
          (row) =>
            row.customerId === customerId &&
            row.provider === provider &&
            row.subscriptionId === null,
        )
        .sort(byKey((row) => row.id))
        .flatMap((row): CustomerCard[] =>
          row.brand === null || row.expMonth === null || row.expYear === null
            ? []
            : [
                {
                  externalId: row.externalId,
                  brand: row.brand,
                  last4: row.last4,
                  expMonth: row.expMonth,
                  expYear: row.expYear,
                  isDefault: row.isDefault,
                },
              ],
        ),
    );
  }

  saveCustomerCards(
    target: { customerId: string; provider: Provider },
    cards: readonly CustomerCard[],
  ): Promise<void> {
    const data = this.data();
    const keep = new Set(cards.map((card) => card.externalId));
    data.cards = data.cards.filter(
      (row) =>
        row.customerId !== target.customerId ||
        row.provider !== target.provider ||
        row.subscriptionId !== null ||
        keep.has(row.externalId),
    );
    for (const card of cards) {
      this.putCard({
        customerId: target.customerId,
        subscriptionId: null,
        provider: target.provider,
        ...card,
      });
    }
    return Promise.resolve();
  }

  /** Inserts or replaces the row of a card, known by its provider and upstream id. */
  private putCard(card: Omit<InMemoryCard, 'id'>): void {
    const data = this.data();
    const index = data.cards.findIndex(
      (row) => row.provider === card.provider && row.externalId === card.externalId,
    );
    if (index === -1) data.cards.push({ id: newPlatformId('pm'), ...card });
    else data.cards[index] = { id: data.cards[index]!.id, ...card };
  }

  insertQueuedEvent(event: QueuedSyncEvent): Promise<void> {
    if (this.data().events.has(event.id)) {
      return Promise.reject(new Error(`event ${event.id} exists already`));
    }
    this.data().events.set(event.id, { event: { ...event }, status: 'queued', result: null });
    return Promise.resolve();
  }

  completeEvents(
    completions: readonly { event: QueuedSyncEvent; result: SyncEventResult }[],
  ): Promise<void> {
    for (const { event, result } of completions) {
      const known = this.data().events.get(event.id);
      this.data().events.set(event.id, {
        event: known?.event ?? { ...event },
        status: result.status,
        result: { ...result },
      });
    }
    return Promise.resolve();
  }

  enqueue<T extends Topic>(topic: T, envelopes: readonly Envelope<TopicData[T]>[]): Promise<void> {
    for (const envelope of envelopes) this.data().outbox.push({ topic, envelope });
    if (envelopes.length > 0) this.onEnqueue();
    return Promise.resolve();
  }

  lockHotSyncAccount(account: string): Promise<Date | null> {
    return Promise.resolve(this.data().hotSyncAccounts.get(account) ?? null);
  }

  markHotSyncQueued(account: string, at: Date): Promise<void> {
    this.data().hotSyncAccounts.set(account, at);
    return Promise.resolve();
  }

  claimReconcileSweep(
    provider: Provider,
    input: { now: Date; intervalMs: number; firstWatermark: Date },
  ): Promise<Date | null> {
    const marks = this.data().reconcileWatermarks;
    const mark = marks.get(provider) ?? {
      watermark: input.firstWatermark,
      nextRunAt: input.now,
      lastQueued: 0,
    };
    marks.set(provider, mark);
    if (mark.nextRunAt > input.now) return Promise.resolve(null);
    mark.nextRunAt = new Date(input.now.getTime() + input.intervalMs);
    return Promise.resolve(mark.watermark);
  }

  advanceReconcileWatermark(
    provider: Provider,
    input: { watermark: Date; now: Date; queued: number },
  ): Promise<void> {
    const mark = this.data().reconcileWatermarks.get(provider);
    if (mark !== undefined) {
      if (input.watermark > mark.watermark) mark.watermark = input.watermark;
      mark.lastQueued += input.queued;
    }
    return Promise.resolve();
  }

  eventOfCalloutNotification(notificationId: string): Promise<string> {
    const eventId = this.data().calloutNotifications.get(notificationId);
    return eventId === undefined
      ? Promise.reject(new Error(`no callout notification ${notificationId}`))
      : Promise.resolve(eventId);
  }

  claimCalloutNotification(notificationId: string, eventId: string): Promise<boolean> {
    const notifications = this.data().calloutNotifications;
    const claimed = notifications.get(notificationId);
    if (claimed !== undefined && this.data().events.get(claimed)?.status !== 'failed') {
      return Promise.resolve(false);
    }
    notifications.set(notificationId, eventId);
    return Promise.resolve(true);
  }

  claimStripeEvent(stripeEventId: string, type: string, receivedAt: Date): Promise<boolean> {
    const events = this.data().stripeEvents;
    if (events.has(stripeEventId)) return Promise.resolve(false);
    events.set(stripeEventId, {
      type,
      receivedAt,
      outcome: 'unhandled',
      eventIds: [],
      reason: null,
    });
    return Promise.resolve(true);
  }

  findStripeEvent(stripeEventId: string): Promise<RecordedStripeEvent | null> {
    const stored = this.data().stripeEvents.get(stripeEventId);
    if (stored === undefined) return Promise.resolve(null);
    const { outcome, eventIds, reason } = stored;
    return Promise.resolve({ outcome, eventIds: [...eventIds], reason });
  }

  recordStripeEventOutcome(stripeEventId: string, recorded: RecordedStripeEvent): Promise<void> {
    const stored = this.data().stripeEvents.get(stripeEventId);
    if (stored !== undefined) {
      Object.assign(stored, { ...recorded, eventIds: [...recorded.eventIds] });
    }
    return Promise.resolve();
  }

  findHeldStripeSubscription(stripeSubscriptionId: string): Promise<HeldStripeSubscription | null> {
    const found = [...this.data().subscriptions.values()].find(
      (s) => s.source === 'stripe' && s.key === stripeSubscriptionId,
    );
    return Promise.resolve(found === undefined ? null : { id: found.id, ownerId: found.ownerId });
  }

  findHeldStripeSubscriptionsOfCustomer(
    stripeCustomerId: string,
  ): Promise<HeldStripeSubscription[]> {
    return Promise.resolve(
      [...this.data().subscriptions.values()]
        .filter((s) => s.source === 'stripe' && s.references['account'] === stripeCustomerId)
        .sort(byKey((s) => s.id))
        .map((s) => ({ id: s.id, ownerId: s.ownerId })),
    );
  }

  claimBackfillJob(provider: Provider, holder: string, leaseMs: number): Promise<string | null> {
    const now = this.clock();
    const job = [...this.data().backfillJobs.values()]
      .filter(
        (candidate) =>
          candidate.provider === provider &&
          candidate.status === 'running' &&
          (candidate.leaseUntil === null ||
            candidate.leaseUntil < now ||
            candidate.leaseOwner === holder),
      )
      .sort(byKey((candidate) => `${candidate.createdAt.toISOString()} ${candidate.id}`))[0];
    if (job === undefined) return Promise.resolve(null);
    job.leaseOwner = holder;
    job.leaseUntil = new Date(now.getTime() + leaseMs);
    return Promise.resolve(job.id);
  }

  renewBackfillLease(id: string, holder: string, leaseMs: number): Promise<boolean> {
    const job = this.data().backfillJobs.get(id);
    if (job?.status !== 'running' || job.leaseOwner !== holder) return Promise.resolve(false);
    job.leaseUntil = new Date(this.clock().getTime() + leaseMs);
    return Promise.resolve(true);
  }

  loadBackfillProgress(id: string): Promise<BackfillProgress | null> {
    const job = this.data().backfillJobs.get(id);
    if (job === undefined) return Promise.resolve(null);
    const pending = [...this.data().events.values()].filter(
      (stored) => stored.event.backfillId === id && stored.status === 'queued',
    ).length;
    const { status, filter, checkpoint, listingDone, correlationId } = job;
    return Promise.resolve({ status, filter, checkpoint, listingDone, correlationId, pending });
  }

  lockLeasedBackfillJob(id: string, holder: string): Promise<boolean> {
    const job = this.data().backfillJobs.get(id);
    return Promise.resolve(job?.status === 'running' && job.leaseOwner === holder);
  }

  saveBackfillPage(id: string, page: BackfillPageSave): Promise<void> {
    const job = this.data().backfillJobs.get(id);
    if (job !== undefined) {
      job.checkpoint = page.checkpoint;
      job.listingDone = page.listingDone;
      job.listed += page.listed;
      job.queued += page.queued;
      job.skipped += page.skipped;
      job.pages += 1;
    }
    return Promise.resolve();
  }

  setBackfillStatus(
    id: string,
    status: BackfillStatus,
    _now: Date,
    error: string | null,
  ): Promise<void> {
    const job = this.data().backfillJobs.get(id);
    if (job !== undefined) {
      job.status = status;
      job.error = error ?? job.error;
      if (status !== 'running') {
        job.leaseOwner = null;
        job.leaseUntil = null;
      }
    }
    return Promise.resolve();
  }
}

/** Cancellations first, then descriptions, then new entries, as the SQL adapter does. */
function applySchedule(
  subscription: InMemorySubscription,
  schedule: SyncedSubscriptionWrite['schedule'],
): void {
  const entries = subscription.schedule;
  for (const id of schedule.cancel) {
    const entry = entries.find((candidate) => candidate.id === id);
    if (entry !== undefined) entry.status = 'cancelled';
  }
  for (const { id, description } of schedule.update) {
    const entry = entries.find((candidate) => candidate.id === id);
    if (entry !== undefined) entry.description = description;
  }
  for (const planned of schedule.create) {
    const status = planned.status ?? 'pending';
    // PostgreSQL allows one pending entry per charge period (a unique index).
    if (
      status === 'pending' &&
      entries.some((e) => e.status === 'pending' && e.sourceKey === planned.sourceKey)
    ) {
      throw new Error(`a pending schedule entry for ${planned.sourceKey} exists already`);
    }
    entries.push({
      id: newPlatformId('schedule'),
      sourceKey: planned.sourceKey,
      date: planned.date,
      amount: planned.amount,
      currency: planned.currency,
      description: planned.description,
      status,
    });
  }
}

/**
 * Units of work in memory: one at a time; a unit whose work throws leaves the data as it was.
 * `now` is the store's clock (what `databaseNow` and a transaction's start read).
 */
export class SyncUnitOfWorkInMemory implements SyncUnitOfWork {
  data: InMemorySyncData = emptyData();
  readonly reads: SyncReads;
  /** How many committed units queued messages (the relay would have been told). */
  committedWithMessages = 0;
  /** Units run one at a time, as a serializable database would order them. */
  private turn: Promise<void> = Promise.resolve();

  constructor(private readonly now: () => Date = () => new Date()) {
    this.reads = new SyncStoreInMemory(() => this.data, now, now());
  }

  queue<T extends Topic>(
    event: QueuedSyncEvent,
    topic: T,
    envelopes: readonly Envelope<TopicData[T]>[],
  ): Promise<void> {
    return this.run(async (store) => {
      await store.insertQueuedEvent(event);
      await store.enqueue(topic, envelopes);
    });
  }

  async run<T>(work: (store: SyncStore) => Promise<T>): Promise<T> {
    const previous = this.turn;
    let done = (): void => undefined;
    this.turn = new Promise((resolve) => (done = resolve));
    await previous;
    const before = structuredClone(this.data);
    let enqueued = false;
    try {
      const store = new SyncStoreInMemory(
        () => this.data,
        this.now,
        this.now(),
        () => (enqueued = true),
      );
      const result = await work(store);
      if (enqueued) this.committedWithMessages += 1;
      return result;
    } catch (error) {
      this.data = before;
      throw error;
    } finally {
      done();
    }
  }
}
