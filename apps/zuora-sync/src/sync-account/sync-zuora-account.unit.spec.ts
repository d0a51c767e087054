import { type SyncCompleted, type SyncRequested, Topics } from '@subsync/domain';
import type { MessageGroup } from '@subsync/messaging';
import { SyncUnitOfWorkInMemory } from '@subsync/persistence';
import { SyncRunner } from '@subsync/sync';
import { ZuoraSubscriptionWriter } from '../sync-subscription/zuora-subscription.writer';
import { aZuoraAccount, aZuoraCard, aZuoraSubscription } from '@subsync/domain/testing';
import { FakeZuora, zuoraRequest } from '../testing/zuora-sync.fixtures';
import { SyncZuoraAccountService } from './sync-zuora-account.service';
import { ZuoraAccountWriter } from './zuora-account.writer';

// The Zuora account sync (hot sync at login asks for it): the account's customer and cards and
// every subscription of it, written together, with one outcome for the account.

const visa = aZuoraCard();

describe('Zuora account sync', () => {
  let zuora: FakeZuora;
  let memory: SyncUnitOfWorkInMemory;
  let sync: (group: MessageGroup<SyncRequested>) => Promise<void>;

  beforeEach(() => {
    zuora = new FakeZuora();
    memory = new SyncUnitOfWorkInMemory();
    const service = new SyncZuoraAccountService(
      zuora,
      new ZuoraAccountWriter(new ZuoraSubscriptionWriter()),
    );
    const runner = new SyncRunner(memory, { now: () => new Date() }, { upstreamDeadlineMs: 5000 });
    sync = (group) => runner.run(group, () => service);
    zuora.accounts.set('A00000271', aZuoraAccount());
    zuora.subscriptions.set('A-S00000271', aZuoraSubscription());
    zuora.subscriptions.set(
      'A-S00000272',
      aZuoraSubscription({ id: 'zid-272', subscriptionNumber: 'A-S00000272', autoRenew: false }),
    );
    zuora.paymentMethods.set('A00000271', {
      defaultPaymentMethodId: visa.id,
      paymentMethods: [visa],
    });
  });

  const completed = (): SyncCompleted[] =>
    memory.data.outbox
      .filter(({ topic }) => topic === Topics.syncCompleted)
      .map(({ envelope }) => envelope.data as SyncCompleted);

  it("writes the account's customer, cards and subscriptions, with one outcome", async () => {
    await sync(zuoraRequest('A00000271', 'account'));

    const owner = memory.data.owners.get('zuora A00000271')!;
    expect(memory.data.customers.get(owner.customerId)).toEqual({
      name: 'Jane Doe',
      email: 'jane.doe@example.com',
    });
    const subscriptions = [...memory.data.subscriptions.values()];
    expect(subscriptions.map((s) => [s.key, s.ownerId, s.terms.autoRenew]).sort()).toEqual([
      ['A-S00000271', owner.ownerId, true],
      ['A-S00000272', owner.ownerId, false],
    ]);
    expect(memory.data.cards).toMatchObject([
      {
        customerId: owner.customerId,
        subscriptionId: null,
        provider: 'zuora',
        externalId: visa.id,
        last4: '4242',
        isDefault: true,
      },
    ]);

    const [outcome, ...others] = completed();
    expect(others).toEqual([]);
    expect(outcome).toMatchObject({
      status: 'succeeded',
      subscriptionId: null,
      ownerId: owner.ownerId,
    });
    const fields = outcome!.changes.map((change) => change.field);
    expect(fields).toContain('customer.name');
    expect(fields).toContain('A-S00000271.subscription.status');
    expect(fields).toContain('A-S00000272.subscription.autoRenew');
    // The contact is the account's: reported once, not again by each subscription.
    expect(fields.filter((field) => field.endsWith('customer.name'))).toEqual(['customer.name']);
  });

  it('removes a card the account no longer holds, and reports nothing else changed', async () => {
    await sync(zuoraRequest('A00000271', 'account'));
    zuora.paymentMethods.set('A00000271', { defaultPaymentMethodId: null, paymentMethods: [] });

    await sync(zuoraRequest('A00000271', 'account'));

    expect(memory.data.cards).toEqual([]);
    expect(memory.data.subscriptions.size).toBe(2);
    const changes = completed()[1]!.changes;
    expect(changes.map((change) => change.field)).toEqual([
      expect.stringMatching(/^paymentMethods\./),
    ]);
  });

  it('fails the account when Zuora does not have it, writing nothing', async () => {
    await sync(zuoraRequest('A404', 'account'));

    expect(memory.data.customers.size).toBe(0);
    expect(completed()).toMatchObject([{ status: 'failed', error: { code: 'ZUORA_NOT_FOUND' } }]);
  });
});
