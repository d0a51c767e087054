import { type SyncCompleted, type SyncRequested, Topics } from '@subsync/domain';
import type { MessageGroup } from '@subsync/messaging';
import { SyncUnitOfWorkInMemory } from '@subsync/persistence';
import { SyncRunner } from '@subsync/sync';
import { aZuoraAccount, aZuoraSubscription } from '@subsync/domain/testing';
import { FakeZuora, zuoraRequest } from '../testing/zuora-sync.fixtures';
import { SyncZuoraSubscriptionService } from './sync-zuora-subscription.service';
import { ZuoraSubscriptionWriter } from './zuora-subscription.writer';

// The Zuora subscription sync, from a request to what is stored and announced: the sync frame of
// libs/sync, the service and the writer, on the in-memory store with a Zuora of maps.

describe('Zuora subscription sync', () => {
  let zuora: FakeZuora;
  let memory: SyncUnitOfWorkInMemory;
  let sync: (group: MessageGroup<SyncRequested>) => Promise<void>;

  beforeEach(() => {
    zuora = new FakeZuora();
    memory = new SyncUnitOfWorkInMemory();
    const service = new SyncZuoraSubscriptionService(
      { integrationUserIds: [] },
      memory,
      zuora,
      new ZuoraSubscriptionWriter(),
    );
    const runner = new SyncRunner(memory, { now: () => new Date() }, { upstreamDeadlineMs: 5000 });
    sync = (group) => runner.run(group, () => service);
    zuora.subscriptions.set('A-S00000271', aZuoraSubscription());
    const account = aZuoraAccount();
    account.basicInfo.crmId = '0013000000Xyz';
    zuora.accounts.set('A00000271', account);
  });

  const completed = (): SyncCompleted[] =>
    memory.data.outbox
      .filter(({ topic }) => topic === Topics.syncCompleted)
      .map(({ envelope }) => envelope.data as SyncCompleted);

  it('imports an unknown subscription with its customer, owner and accounts', async () => {
    await sync(zuoraRequest('A-S00000271'));

    const [stored, ...others] = [...memory.data.subscriptions.values()];
    expect(others).toEqual([]);
    expect(stored).toMatchObject({
      reference: 'A-S00000271',
      source: 'zuora',
      key: 'A-S00000271',
      imported: true,
      version: 3,
      references: {
        'subscription-alias': '8a8082c45aa81b51015ad68743ec0fdb',
        'account': 'A00000271',
      },
      terms: { status: 'active', termStart: '2026-01-01', termEnd: '2027-01-01', autoRenew: true },
    });
    expect(stored!.addresses.map((address) => address.type)).toEqual(['billing', 'shipping']);
    expect(memory.data.customers.get(stored!.customerId)).toEqual({
      name: 'Jane Doe',
      email: 'jane.doe@example.com',
    });
    expect(memory.data.owners.get('zuora A00000271')).toEqual({
      ownerId: stored!.ownerId,
      customerId: stored!.customerId,
    });
    expect(memory.data.accounts.get('zuora A00000271')).toBe(stored!.customerId);
    expect(memory.data.accounts.get('salesforce 0013000000Xyz')).toBe(stored!.customerId);

    const [outcome] = completed();
    expect(outcome).toMatchObject({
      status: 'succeeded',
      subscriptionId: stored!.id,
      ownerId: stored!.ownerId,
    });
    expect(outcome!.changes).toContainEqual({
      field: 'subscription.status',
      before: null,
      after: 'active',
    });
    expect([...memory.data.events.values()].map((event) => event.status)).toEqual(['succeeded']);
  });

  it('updates a known subscription in place, reporting only what changed', async () => {
    await sync(zuoraRequest('A-S00000271'));
    const [before] = [...memory.data.subscriptions.values()];
    zuora.subscriptions.set('A-S00000271', aZuoraSubscription({ version: 4, autoRenew: false }));

    await sync(zuoraRequest(before!.id));

    const [after, ...others] = [...memory.data.subscriptions.values()];
    expect(others).toEqual([]);
    expect(after).toMatchObject({ id: before!.id, version: 4 });
    expect(after!.terms.autoRenew).toBe(false);
    expect(completed()[1]).toMatchObject({
      status: 'succeeded',
      subscriptionId: before!.id,
      changes: [{ field: 'subscription.autoRenew', before: true, after: false }],
    });
  });

  it('stores nothing for a subscription Zuora does not have, and says why', async () => {
    await sync(zuoraRequest('A-S404'));

    expect(memory.data.subscriptions.size).toBe(0);
    expect(memory.data.customers.size).toBe(0);
    expect(completed()).toMatchObject([
      { status: 'failed', subscriptionId: null, error: { code: 'ZUORA_NOT_FOUND' } },
    ]);
  });

  it('answers a redelivered request once', async () => {
    const group = zuoraRequest('A-S00000271');
    await sync(group);
    await sync(group);

    expect(memory.data.subscriptions.size).toBe(1);
    expect(completed()).toHaveLength(1);
  });
});
