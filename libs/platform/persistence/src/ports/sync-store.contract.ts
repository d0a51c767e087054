import { randomUUID } from 'node:crypto';
import {
  type CatalogOffer,
  createEnvelope,
  newPlatformId,
  type ScheduleReconciliation,
  type SubscriptionOffer,
  Topics,
} from '@subsync/domain';
import type { QueuedSyncEvent } from '../repositories/sync-event.repository';
import type { SyncedSubscriptionWrite, SyncUnitOfWork } from './sync-store.port';

// The behaviour every sync store adapter shares, asserted on the data it holds afterwards. Run by
// the in-memory adapter's unit spec and by the TypeORM adapter's int spec on PostgreSQL.

/** An adapter under test, and what the port itself does not read back. */
export interface SyncStoreHarness {
  unitOfWork: SyncUnitOfWork;
  addCatalogMapping(productRatePlanId: string, offer: CatalogOffer): Promise<void>;
  /** A running backfill job, as an operator starts it. */
  addBackfillJob(job: {
    id: string;
    provider: 'zuora' | 'stripe';
    filter: Record<string, unknown>;
    correlationId: string;
    now: Date;
  }): Promise<void>;
  /** The Events with these ids, as stored. */
  events(
    ids: readonly string[],
  ): Promise<{ id: string; status: string; subscriptionId: string | null }[]>;
  /** The outbox messages with these ids, as stored. */
  outbox(messageIds: readonly string[]): Promise<{ messageId: string; topic: string }[]>;
}

const noSchedule: ScheduleReconciliation = { create: [], cancel: [], update: [], changes: [] };

const offer = (sourceKey: string, name: string): SubscriptionOffer => ({
  sourceKey,
  name,
  offerId: null,
  mapped: false,
  productName: 'Product',
  ratePlanName: name,
  productRatePlanId: `prp-${sourceKey}`,
  start: '2025-01-01',
  end: null,
  charges: [
    {
      name: 'Monthly',
      type: 'Recurring',
      quantity: '1',
      price: '10.00',
      currency: 'EUR',
      billingPeriod: 'Month',
    },
  ],
});

const billing = {
  type: 'billing' as const,
  line1: '1 Main St',
  line2: null,
  city: 'Berlin',
  state: null,
  postalCode: '10115',
  country: 'Germany',
};

export function describeSyncStoreContract(
  name: string,
  makeHarness: () => Promise<SyncStoreHarness>,
): void {
  describe(`${name}: the sync store contract`, () => {
    let harness: SyncStoreHarness;
    let uow: SyncUnitOfWork;

    beforeAll(async () => {
      harness = await makeHarness();
      uow = harness.unitOfWork;
    });

    /** Imports a Zuora subscription with a new owner; its platform id and key. */
    async function importZuora(
      overrides: Partial<SyncedSubscriptionWrite> = {},
    ): Promise<{ id: string; key: string; customerId: string; ownerId: string }> {
      const key = `A-S${randomUUID().slice(0, 8)}`;
      const account = `A${randomUUID().slice(0, 8)}`;
      const id = newPlatformId('sub');
      const owner = await uow.run(async (store) => {
        const owners = await store.findOrCreateOwners('zuora', [
          { id: account, contact: { name: 'Ada', email: 'ada@example.com' } },
        ]);
        const created = owners.get(account)!;
        await store.writeSubscriptions('zuora', [
          {
            id,
            terms: { status: 'active', termStart: '2025-01-01', termEnd: null, autoRenew: true },
            syncedAt: new Date('2025-02-01T10:00:00Z'),
            references: [
              { kind: 'subscription-alias', value: `zid-${key}` },
              { kind: 'account', value: account },
            ],
            version: 3,
            import: { reference: key, owner: created, key },
            addresses: [billing],
            offers: [offer('rp-1', 'Basic')],
            schedule: {
              ...noSchedule,
              create: [
                {
                  sourceKey: 'C-1@2025-03-01',
                  date: '2025-03-01',
                  amount: '12.99',
                  currency: 'EUR',
                  description: 'March',
                },
                {
                  sourceKey: 'C-1@2025-02-01',
                  date: '2025-02-01',
                  amount: '12.99',
                  currency: 'EUR',
                  description: 'February',
                  status: 'paid',
                },
              ],
            },
            ...overrides,
          },
        ]);
        return created;
      });
      return { id, key, ...owner };
    }

    it('imports a subscription with its owner, and locks it back by its upstream key', async () => {
      const { id, key, customerId, ownerId } = await importZuora();

      const stored = await uow.run((store) => store.lockSubscriptions('zuora', [key, 'A-none']));
      expect([...stored.keys()]).toEqual([key]);
      const found = stored.get(key)!;
      expect(found).toMatchObject({
        id,
        ownerId,
        customerId,
        version: 3,
        lastSyncedAt: new Date('2025-02-01T10:00:00Z'),
      });
      expect(found.local).toEqual({
        terms: { status: 'active', termStart: '2025-01-01', termEnd: null, autoRenew: true },
        customer: { name: 'Ada', email: 'ada@example.com' },
        addresses: [billing],
        offers: [offer('rp-1', 'Basic')],
        schedule: [
          {
            id: expect.any(String) as string,
            sourceKey: 'C-1@2025-02-01',
            date: '2025-02-01',
            amount: '12.99',
            currency: 'EUR',
            status: 'paid',
            description: 'February',
          },
          {
            id: expect.any(String) as string,
            sourceKey: 'C-1@2025-03-01',
            date: '2025-03-01',
            amount: '12.99',
            currency: 'EUR',
            status: 'pending',
            description: 'March',
          },
        ],
      });
    });

    it('locks by provider: another provider with the same key finds nothing', async () => {
      const { key } = await importZuora();
      const stored = await uow.run((store) => store.lockSubscriptions('stripe', [key]));
      expect(stored.size).toBe(0);
    });

    it('finds a subscription by its platform id, reference, upstream key or Zuora id', async () => {
      const { id, key, ownerId } = await importZuora();
      const expected = {
        id,
        source: 'zuora',
        ownerId,
        key,
      };
      for (const ref of [id, key, `zid-${key}`]) {
        expect(await uow.reads.findSubscription(ref)).toMatchObject(expected);
      }
      expect(await uow.reads.findSubscription('sub-nobody')).toBeNull();
    });

    it('updates in place: terms, references kept unless given, schedule cancelled and created', async () => {
      const { id, key } = await importZuora();
      const before = (await uow.run((store) => store.lockSubscriptions('zuora', [key]))).get(key)!;
      const march = before.local.schedule.find((entry) => entry.status === 'pending')!;
      await uow.run((store) =>
        store.writeSubscriptions('zuora', [
          {
            id,
            terms: {
              status: 'cancelled',
              termStart: '2025-01-01',
              termEnd: '2025-06-30',
              autoRenew: false,
            },
            syncedAt: new Date('2025-02-02T10:00:00Z'),
            references: [{ kind: 'account', value: 'A-moved' }],
            version: 4,
            addresses: [],
            schedule: {
              create: [
                {
                  sourceKey: 'C-1@2025-03-01',
                  date: '2025-03-01',
                  amount: '8.50',
                  currency: 'EUR',
                  description: 'March, prorated',
                },
              ],
              cancel: [march.id],
              update: [],
              changes: [],
            },
          },
        ]),
      );
      const after = (await uow.run((store) => store.lockSubscriptions('zuora', [key]))).get(key)!;
      expect(after.version).toBe(4);
      expect(after.lastSyncedAt).toEqual(new Date('2025-02-02T10:00:00Z'));
      expect(after.local.terms).toEqual({
        status: 'cancelled',
        termStart: '2025-01-01',
        termEnd: '2025-06-30',
        autoRenew: false,
      });
      expect(after.local.addresses).toEqual([]);
      // Offers not given are left as they were.
      expect(after.local.offers).toEqual([offer('rp-1', 'Basic')]);
      // By date; entries of one date in id order, which is random.
      const entries = after.local.schedule.map(({ date, amount, status }) => ({
        date,
        amount,
        status,
      }));
      expect(entries[0]).toEqual({ date: '2025-02-01', amount: '12.99', status: 'paid' });
      expect(entries.slice(1)).toEqual(
        expect.arrayContaining([
          { date: '2025-03-01', amount: '12.99', status: 'cancelled' },
          { date: '2025-03-01', amount: '8.50', status: 'pending' },
        ]),
      );
      expect(entries).toHaveLength(3);
      // The Zuora id was not given, so the subscription is still found by it.
      expect((await uow.reads.findSubscription(`zid-${key}`))?.id).toBe(id);
    });

    it('finds an owner once, and gives a new owner the customer its account is linked to', async () => {
      const { customerId, ownerId } = await importZuora();
      const stripeAccount = `cus_${randomUUID().slice(0, 8)}`;
      const owners = await uow.run(async (store) => {
        await store.linkAccounts([{ customerId, service: 'stripe', id: stripeAccount }]);
        return store.findOrCreateOwners('stripe', [
          { id: stripeAccount, contact: { name: 'Other', email: null } },
          { id: stripeAccount, contact: { name: 'Other', email: null } },
        ]);
      });
      expect(owners.get(stripeAccount)?.customerId).toBe(customerId);
      expect(owners.get(stripeAccount)?.ownerId).not.toBe(ownerId);
      const again = await uow.run((store) =>
        store.findOrCreateOwners('stripe', [
          { id: stripeAccount, contact: { name: null, email: null } },
        ]),
      );
      expect(again.get(stripeAccount)).toEqual(owners.get(stripeAccount));
      // The linked customer keeps its contact.
      expect(await uow.run((store) => store.loadCustomerContact(customerId))).toEqual({
        name: 'Ada',
        email: 'ada@example.com',
      });
    });

    it('says which customers it created, with the contact given', async () => {
      const account = `A${randomUUID().slice(0, 8)}`;
      const contact = { name: 'Grace', email: 'grace@example.com' };
      const first = await uow.run((store) =>
        store.findOrCreateOwners('zuora', [{ id: account, contact }]),
      );
      const again = await uow.run((store) =>
        store.findOrCreateOwners('zuora', [{ id: account, contact }]),
      );

      expect(first.get(account)?.customerCreated).toBe(true);
      expect(again.get(account)?.customerCreated).toBeUndefined();
      expect(again.get(account)?.customerId).toBe(first.get(account)?.customerId);
      expect(
        await uow.run((store) => store.loadCustomerContact(first.get(account)!.customerId)),
      ).toEqual(contact);
    });

    it('updates customer contacts', async () => {
      const { customerId } = await importZuora();
      await uow.run((store) =>
        store.updateCustomerContacts([{ customerId, contact: { name: 'Ada L.', email: null } }]),
      );
      expect(await uow.run((store) => store.loadCustomerContact(customerId))).toEqual({
        name: 'Ada L.',
        email: null,
      });
    });

    it("keeps one card on file per subscription, and a customer's account-level cards", async () => {
      const { id, customerId } = await importZuora();
      const visa = {
        brand: 'visa',
        last4: '4242',
        expMonth: 12,
        expYear: 2030,
        externalId: `pm_${randomUUID()}`,
      };
      const amex = { ...visa, brand: 'amex', last4: '0005', externalId: `pm_${randomUUID()}` };
      const target = { customerId, subscriptionId: id, provider: 'stripe' as const };
      await uow.run((store) => store.savePaymentCard(target, visa));
      expect(await uow.run((store) => store.loadPaymentCard(id, 'stripe'))).toEqual(visa);
      await uow.run((store) => store.savePaymentCard(target, amex));
      expect(await uow.run((store) => store.loadPaymentCard(id, 'stripe'))).toEqual(amex);
      expect(await uow.run((store) => store.loadPaymentCard(id, 'zuora'))).toBeNull();
      await uow.run((store) => store.savePaymentCard(target, null));
      expect(await uow.run((store) => store.loadPaymentCard(id, 'stripe'))).toBeNull();

      const first = { ...visa, last4: null, isDefault: true, externalId: `pm-a-${randomUUID()}` };
      const second = { ...amex, isDefault: false, externalId: `pm-b-${randomUUID()}` };
      const account = { customerId, provider: 'zuora' as const };
      await uow.run((store) => store.saveCustomerCards(account, [first, second]));
      const cards = await uow.run((store) => store.loadCustomerCards(customerId, 'zuora'));
      expect(cards).toHaveLength(2);
      expect(cards).toEqual(expect.arrayContaining([first, second]));
      await uow.run((store) => store.saveCustomerCards(account, [{ ...second, isDefault: true }]));
      expect(await uow.run((store) => store.loadCustomerCards(customerId, 'zuora'))).toEqual([
        { ...second, isDefault: true },
      ]);
    });

    it('claims inbox messages once, and releases them', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      const first = await uow.run((store) => store.claimMessages([a, b], Topics.syncRequested));
      expect(first.claimed).toEqual(new Set([a, b]));
      expect(first.transactionStartedAt).toBeInstanceOf(Date);
      const second = await uow.run(async (store) => {
        const claim = await store.claimMessages([a, b], Topics.syncRequested);
        await store.releaseMessages([b]);
        return claim;
      });
      expect(second).toEqual({ claimed: new Set(), transactionStartedAt: null });
      expect(await uow.reads.processedAmong([a, b, randomUUID()])).toEqual(new Set([a]));
    });

    it('looks sync requests up: the subscriptions their refs name, and the messages processed', async () => {
      const { id, key } = await importZuora();
      const [done, waiting] = [randomUUID(), randomUUID()];
      await uow.run((store) => store.claimMessages([done], Topics.syncRequested));
      const found = await uow.reads.lookUpSyncRequests([id, key, 'A-Snone'], [done, waiting]);
      expect(found.processed).toEqual(new Set([done]));
      expect([...found.subscriptions.keys()].sort()).toEqual([id, key].sort());
      expect(found.subscriptions.get(key)).toMatchObject({ id, source: 'zuora' });
      expect(found.checkedAt).toBeInstanceOf(Date);
    });

    it('keeps nothing of a unit of work that throws', async () => {
      const message = randomUUID();
      const account = `A${randomUUID().slice(0, 8)}`;
      let customerId = '';
      await expect(
        uow.run(async (store) => {
          await store.claimMessages([message], Topics.syncRequested);
          const owners = await store.findOrCreateOwners('zuora', [
            { id: account, contact: { name: 'Gone', email: null } },
          ]);
          customerId = owners.get(account)!.customerId;
          throw new Error('write failed');
        }),
      ).rejects.toThrow('write failed');
      expect(await uow.reads.processedAmong([message])).toEqual(new Set());
      await expect(uow.run((store) => store.loadCustomerContact(customerId))).rejects.toThrow();
    });

    it('records Events queued and completed, and queues outbox messages', async () => {
      const queued: QueuedSyncEvent = {
        id: newPlatformId('event'),
        type: 'sync',
        provider: 'zuora',
        ref: 'A-S1',
        trigger: 'api',
        correlationId: randomUUID(),
        createdAt: new Date('2025-02-01T10:00:00Z'),
        request: null,
      };
      const direct = { ...queued, id: newPlatformId('event') };
      const envelope = createEnvelope({
        topic: Topics.syncRequested,
        source: 'contract',
        correlationId: queued.correlationId,
        now: new Date(),
        data: {
          provider: 'zuora' as const,
          scope: 'subscription' as const,
          ref: 'A-S1',
          trigger: 'api' as const,
          eventId: queued.id,
        },
      });
      await uow.run(async (store) => {
        await store.insertQueuedEvent(queued);
        await store.enqueue(Topics.syncRequested, [envelope]);
      });
      expect(await harness.events([queued.id])).toEqual([
        { id: queued.id, status: 'queued', subscriptionId: null },
      ]);
      const result = {
        status: 'succeeded' as const,
        subscriptionId: 'sub-x',
        ownerId: null,
        changes: [],
        reason: null,
        errorCode: null,
        completedAt: new Date(),
      };
      await uow.run((store) =>
        store.completeEvents([
          { event: queued, result },
          { event: direct, result: { ...result, status: 'failed' } },
        ]),
      );
      const events = await harness.events([queued.id, direct.id]);
      expect(events).toHaveLength(2);
      expect(events).toEqual(
        expect.arrayContaining([
          { id: queued.id, status: 'succeeded', subscriptionId: 'sub-x' },
          { id: direct.id, status: 'failed', subscriptionId: 'sub-x' },
        ]),
      );
      expect(await harness.outbox([envelope.id])).toEqual([
        { messageId: envelope.id, topic: Topics.syncRequested },
      ]);
    });

    it('reads catalog mappings by product rate plan', async () => {
      const plan = `prp-${randomUUID()}`;
      await harness.addCatalogMapping(plan, { offerId: 'offer-1', offerName: 'Basic' });
      const mappings = await uow.run((store) => store.loadCatalogMappings([plan, 'prp-none']));
      expect(mappings).toEqual(new Map([[plan, { offerId: 'offer-1', offerName: 'Basic' }]]));
    });

    it('remembers when an account was last hot-synced', async () => {
      const account = `A${randomUUID().slice(0, 8)}`;
      expect(await uow.run((store) => store.lockHotSyncAccount(account))).toBeNull();
      const at = new Date('2025-02-01T10:00:00Z');
      await uow.run((store) => store.markHotSyncQueued(account, at));
      expect(await uow.run((store) => store.lockHotSyncAccount(account))).toEqual(at);
    });

    it("claims a provider's reconcile sweep once per interval, and moves its mark only forward", async () => {
      const now = new Date('2025-03-01T10:00:00Z');
      const later = (ms: number) => new Date(now.getTime() + ms);
      const first = new Date('2025-03-01T09:00:00Z');
      const claim = (at: Date) =>
        uow.run((store) =>
          store.claimReconcileSweep('zuora', {
            now: at,
            intervalMs: 60_000,
            firstWatermark: first,
          }),
        );
      expect(await claim(now)).toEqual(first);
      expect(await claim(later(30_000))).toBeNull();
      const newest = new Date('2025-03-01T09:59:00Z');
      await uow.run((store) =>
        store.advanceReconcileWatermark('zuora', { watermark: newest, now, queued: 2 }),
      );
      expect(await claim(later(60_000))).toEqual(newest);
      await uow.run((store) =>
        store.advanceReconcileWatermark('zuora', { watermark: first, now, queued: 0 }),
      );
      expect(await claim(later(120_000))).toEqual(newest);
    });

    it("claims a callout's notification once, and again after its sync failed", async () => {
      const notification = `notification-${randomUUID()}`;
      const queuedEvent = (): QueuedSyncEvent => ({
        id: newPlatformId('event'),
        type: 'sync',
        provider: 'zuora',
        ref: 'A-S1',
        trigger: 'callout',
        correlationId: randomUUID(),
        createdAt: new Date(),
        request: null,
      });
      const [first, second] = [queuedEvent(), queuedEvent()];
      const claim = (event: QueuedSyncEvent) =>
        uow.run(async (store) => {
          await store.insertQueuedEvent(event);
          return store.claimCalloutNotification(notification, event.id);
        });
      expect(await claim(first)).toBe(true);
      expect(await claim(second)).toBe(false);
      expect(await uow.reads.eventOfCalloutNotification(notification)).toBe(first.id);
      await uow.run((store) =>
        store.completeEvents([
          {
            event: first,
            result: {
              status: 'failed',
              subscriptionId: null,
              ownerId: null,
              changes: [],
              reason: null,
              errorCode: 'ZUORA_UNAVAILABLE',
              completedAt: new Date(),
            },
          },
        ]),
      );
      expect(
        await uow.run((store) => store.claimCalloutNotification(notification, second.id)),
      ).toBe(true);
      expect(await uow.reads.eventOfCalloutNotification(notification)).toBe(second.id);
    });

    it('claims a Stripe event once and keeps what it did', async () => {
      const eventId = `evt_${randomUUID()}`;
      const claim = () =>
        uow.run((store) => store.claimStripeEvent(eventId, 'customer.updated', new Date()));
      expect(await claim()).toBe(true);
      expect(await claim()).toBe(false);
      expect(await uow.run((store) => store.findStripeEvent(eventId))).toEqual({
        outcome: 'unhandled',
        eventIds: [],
        reason: null,
      });
      const recorded = { outcome: 'skipped' as const, eventIds: ['event-1'], reason: 'ours' };
      await uow.run((store) => store.recordStripeEventOutcome(eventId, recorded));
      expect(await uow.run((store) => store.findStripeEvent(eventId))).toEqual(recorded);
      expect(await uow.run((store) => store.findStripeEvent('evt_none'))).toBeNull();
    });

    it('finds held Stripe subscriptions by subscription id and by customer', async () => {
      const customer = `cus_${randomUUID().slice(0, 8)}`;
      const keys = [`sub_${randomUUID().slice(0, 8)}`, `sub_${randomUUID().slice(0, 8)}`];
      const ids = [newPlatformId('sub'), newPlatformId('sub')];
      const owner = await uow.run(async (store) => {
        const owners = await store.findOrCreateOwners('stripe', [
          { id: customer, contact: { name: 'Grace', email: 'grace@example.com' } },
        ]);
        const created = owners.get(customer)!;
        await store.writeSubscriptions(
          'stripe',
          keys.map((key, i) => ({
            id: ids[i]!,
            terms: { status: 'active', termStart: '2025-01-01', termEnd: null, autoRenew: true },
            syncedAt: new Date('2025-02-01T10:00:00Z'),
            references: [{ kind: 'account', value: customer }],
            import: { reference: key, owner: created, key },
            schedule: noSchedule,
          })),
        );
        return created;
      });
      const held = await uow.run(async (store) => ({
        one: await store.findHeldStripeSubscription(keys[0]!),
        none: await store.findHeldStripeSubscription('sub_none'),
        ofCustomer: await store.findHeldStripeSubscriptionsOfCustomer(customer),
      }));
      expect(held.one).toEqual({ id: ids[0], ownerId: owner.ownerId });
      expect(held.none).toBeNull();
      expect(held.ofCustomer).toEqual(
        [...ids].sort().map((id) => ({ id, ownerId: owner.ownerId })),
      );
    });

    it('leases a backfill job to one holder, and keeps its pages and status', async () => {
      const id = `backfill-${randomUUID()}`;
      const correlationId = randomUUID();
      await harness.addBackfillJob({
        id,
        provider: 'stripe',
        filter: { status: 'active' },
        correlationId,
        now: new Date('2020-01-01T00:00:00Z'),
      });
      const claim = (holder: string) =>
        uow.run((store) => store.claimBackfillJob('stripe', holder, 60_000));
      expect(await claim('holder-a')).toBe(id);
      expect(await claim('holder-b')).not.toBe(id);
      expect(await uow.run((store) => store.renewBackfillLease(id, 'holder-b', 60_000))).toBe(
        false,
      );
      expect(await uow.run((store) => store.lockLeasedBackfillJob(id, 'holder-b'))).toBe(false);

      const queued: QueuedSyncEvent = {
        id: newPlatformId('event'),
        type: 'sync',
        provider: 'stripe',
        ref: 'sub_backfilled',
        trigger: 'backfill',
        correlationId,
        createdAt: new Date(),
        request: null,
        replayOf: null,
        backfillId: id,
      };
      await uow.run(async (store) => {
        expect(await store.lockLeasedBackfillJob(id, 'holder-a')).toBe(true);
        await store.insertQueuedEvent(queued);
        await store.saveBackfillPage(id, {
          checkpoint: { after: 'sub_backfilled' },
          listingDone: true,
          listed: 2,
          queued: 1,
          skipped: 1,
          now: new Date(),
        });
      });
      expect(await uow.run((store) => store.renewBackfillLease(id, 'holder-a', 60_000))).toBe(true);
      expect(await uow.run((store) => store.loadBackfillProgress(id))).toEqual({
        status: 'running',
        filter: { status: 'active' },
        checkpoint: { after: 'sub_backfilled' },
        listingDone: true,
        correlationId,
        pending: 1,
      });

      await uow.run((store) => store.setBackfillStatus(id, 'failed', new Date(), 'listing failed'));
      expect(await uow.run((store) => store.loadBackfillProgress(id))).toMatchObject({
        status: 'failed',
      });
      expect(await uow.run((store) => store.lockLeasedBackfillJob(id, 'holder-a'))).toBe(false);
      expect(await uow.run((store) => store.loadBackfillProgress('backfill-none'))).toBeNull();
    });
  });
}
