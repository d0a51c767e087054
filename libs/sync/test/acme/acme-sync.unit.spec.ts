import {
  isUpstreamSubscriptionId,
  PROVIDER_REGISTRY,
  type SyncCompleted,
  type SyncRequested,
  Topics,
} from '@subsync/domain';
import type { MessageGroup } from '@subsync/messaging';
import { SyncUnitOfWorkInMemory } from '@subsync/persistence';
import { SyncRunner } from '../../src';
import { syncRequestGroup } from '../sync-request-group';
import { aStoredSubscription } from '../stored-subscription';
import { anAcmeSubscription, FakeAcmeBilling } from './acme-upstream';
import { AcmeSyncProvider } from './acme.provider';

// A provider the shared code was not written for, synced through the real SyncRunner on the
// in-memory store: Acme needs no edit outside this folder and its registry entry.

const SUBSCRIPTION = 'acme_sub_7k2m9q';
const CUSTOMER = 'acme_cus_41x';

const acmeRequest = (ref: string): MessageGroup<SyncRequested> => syncRequestGroup('acme', ref);

describe('a test-only third provider (Acme)', () => {
  let acme: FakeAcmeBilling;
  let memory: SyncUnitOfWorkInMemory;
  let sync: (group: MessageGroup<SyncRequested>) => Promise<void>;

  function useRunner(upstreamDeadlineMs: number): void {
    const provider = new AcmeSyncProvider(memory.reads, acme);
    const runner = new SyncRunner(memory, { now: () => new Date() }, { upstreamDeadlineMs });
    sync = (group) =>
      runner.run(group, (request) => (request.provider === 'acme' ? provider : null));
  }

  beforeEach(() => {
    acme = new FakeAcmeBilling();
    memory = new SyncUnitOfWorkInMemory();
    useRunner(5000);
    acme.add(anAcmeSubscription());
  });

  const completed = (): SyncCompleted[] =>
    memory.data.outbox
      .filter(({ topic }) => topic === Topics.syncCompleted)
      .map(({ envelope }) => envelope.data as SyncCompleted);
  const events = () => [...memory.data.events.values()];

  it('is in the registry once its folder is loaded', () => {
    expect(PROVIDER_REGISTRY.acme.displayName).toBe('Acme');
    expect(isUpstreamSubscriptionId('acme', SUBSCRIPTION)).toBe(true);
    expect(isUpstreamSubscriptionId('acme', 'sub_1QmR7hLkdIwHu7ix')).toBe(false);
  });

  it('imports an unknown Acme subscription with its owner, terms and schedule', async () => {
    await sync(acmeRequest(SUBSCRIPTION));

    const [stored, ...others] = [...memory.data.subscriptions.values()];
    expect(others).toEqual([]);
    expect(stored).toMatchObject({
      source: 'acme',
      key: SUBSCRIPTION,
      reference: SUBSCRIPTION,
      imported: true,
      version: 1,
      references: { account: CUSTOMER },
      terms: { status: 'active', termStart: '2026-01-01', termEnd: '2027-01-01', autoRenew: true },
    });
    expect(stored!.schedule).toMatchObject([
      {
        sourceKey: `${SUBSCRIPTION}@2027-01-01`,
        date: '2027-01-01',
        amount: '9.50',
        currency: 'GBP',
        status: 'pending',
      },
    ]);
    expect(memory.data.owners.get(`acme ${CUSTOMER}`)).toEqual({
      ownerId: stored!.ownerId,
      customerId: stored!.customerId,
    });
    expect(memory.data.customers.get(stored!.customerId)).toEqual({
      name: 'Grace Hopper',
      email: 'grace@example.com',
    });
    expect(memory.data.accounts.get(`acme ${CUSTOMER}`)).toBe(stored!.customerId);

    const [outcome, ...more] = memory.data.outbox;
    expect(more).toEqual([]);
    expect(outcome).toMatchObject({
      topic: 'sync.completed.v1',
      envelope: { type: 'sync.completed', version: 1, source: 'acme-sync' },
    });
    expect(completed()[0]).toMatchObject({
      provider: 'acme',
      ref: SUBSCRIPTION,
      status: 'succeeded',
      subscriptionId: stored!.id,
      ownerId: stored!.ownerId,
    });
    expect(completed()[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'subscription.status', before: null, after: 'active' },
        { field: 'subscription.termEnd', before: null, after: '2027-01-01' },
      ]),
    );
    expect(events()).toMatchObject([
      {
        event: { provider: 'acme', ref: SUBSCRIPTION, trigger: 'api' },
        status: 'succeeded',
        result: { status: 'succeeded', subscriptionId: stored!.id, errorCode: null },
      },
    ]);
  });

  it('updates the stored subscription in place when Acme changes its term end', async () => {
    await sync(acmeRequest(SUBSCRIPTION));
    const [before] = [...memory.data.subscriptions.values()];
    acme.change(SUBSCRIPTION, { endsOn: '2027-06-30' });

    await sync(acmeRequest(before!.id));

    const [after, ...others] = [...memory.data.subscriptions.values()];
    expect(others).toEqual([]);
    expect(after).toMatchObject({ id: before!.id, ownerId: before!.ownerId, version: 2 });
    expect(after!.terms.termEnd).toBe('2027-06-30');
    expect(memory.data.customers.size).toBe(1);
    expect(acme.calls).toEqual([SUBSCRIPTION, SUBSCRIPTION]);
    expect(completed()[1]).toEqual(
      expect.objectContaining({
        provider: 'acme',
        status: 'succeeded',
        subscriptionId: before!.id,
        changes: [{ field: 'subscription.termEnd', before: '2027-01-01', after: '2027-06-30' }],
      }),
    );
  });

  it('refuses a stored subscription another provider bills, without asking Acme', async () => {
    memory.data.subscriptions.set('sub-z1', aStoredSubscription());

    await sync(acmeRequest('sub-z1'));

    expect(acme.calls).toEqual([]);
    expect(memory.data.subscriptions.get('sub-z1')!.lastSyncedAt).toBeNull();
    expect(completed()).toMatchObject([
      {
        provider: 'acme',
        status: 'failed',
        error: {
          code: 'WRONG_PROVIDER',
          message: 'Subscription sub-z1 is billed by zuora, not Acme',
        },
      },
    ]);
    expect(events()).toMatchObject([{ status: 'failed', result: { errorCode: 'WRONG_PROVIDER' } }]);
  });

  it('stores nothing for a subscription Acme does not have, and says why', async () => {
    await sync(acmeRequest('acme_sub_404'));

    expect(acme.calls).toEqual(['acme_sub_404']);
    expect(memory.data.subscriptions.size).toBe(0);
    expect(memory.data.customers.size).toBe(0);
    expect(completed()).toMatchObject([
      { status: 'failed', subscriptionId: null, error: { code: 'ACME_NOT_FOUND' } },
    ]);
    expect(events()).toMatchObject([{ status: 'failed', result: { errorCode: 'ACME_NOT_FOUND' } }]);
  });

  it('refuses a ref that is neither stored nor an Acme subscription id', async () => {
    await sync(acmeRequest('A-S00000271'));

    expect(acme.calls).toEqual([]);
    expect(completed()).toMatchObject([{ status: 'failed', error: { code: 'NOT_FOUND' } }]);
  });

  it('names Acme when it does not answer within the deadline', async () => {
    useRunner(20);
    acme.unresponsive = true;

    await sync(acmeRequest(SUBSCRIPTION));

    expect(memory.data.subscriptions.size).toBe(0);
    expect(completed()).toMatchObject([
      {
        status: 'failed',
        error: {
          code: 'UPSTREAM_DEADLINE',
          message: expect.stringMatching(/^Acme did not answer/),
        },
      },
    ]);
  });

  it('leaves requests of other providers to their own services', async () => {
    const stripe = acmeRequest('sub_1QmR7hLkdIwHu7ix');
    stripe.messages[0]!.envelope.data.provider = 'stripe';

    await sync(stripe);

    expect(acme.calls).toEqual([]);
    expect(memory.data.outbox).toEqual([]);
  });
});
