import { clientFor, startSandbox, type StripeSandbox } from './testing/sandbox.fixture.spec';
import type { StripeClient } from './stripe.client';

describe('StripeClient lists subscriptions and their events (against the sandbox)', () => {
  let sandbox: StripeSandbox;
  let stripe: StripeClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'empty', rateLimitPerSecond: Infinity });
    sandbox.seedBulk({ subscriptions: 230, start: 1 });
    stripe = clientFor(sandbox);
  });
  afterAll(() => sandbox.close());

  async function everyPage(
    query: Omit<Parameters<StripeClient['listSubscriptionsPage']>[0], 'startingAfter'>,
  ): Promise<string[]> {
    const ids: string[] = [];
    let startingAfter: string | undefined;
    for (;;) {
      const page = await stripe.listSubscriptionsPage({
        ...query,
        ...(startingAfter ? { startingAfter } : {}),
      });
      ids.push(...page.subscriptions.map((sub) => sub.id));
      if (!page.hasMore) return ids;
      startingAfter = ids.at(-1);
    }
  }

  it('pages through every subscription once with starting_after, newest first', async () => {
    const ids = await everyPage({});
    expect(ids).toHaveLength(230);
    expect(new Set(ids).size).toBe(230);
    expect(ids[0]).toBe('sub_bulk0000230');
    expect(ids.at(-1)).toBe('sub_bulk0000001');
  });

  it('lists canceled subscriptions too (status=all)', async () => {
    sandbox.store.patchSubscription('sub_bulk0000005', { status: 'canceled' });
    expect(await everyPage({})).toContain('sub_bulk0000005');
  });

  it('narrows by created range and by customer', async () => {
    const created = (id: string) => sandbox.store.findSubscription(id)?.created ?? 0;
    const from = new Date(created('sub_bulk0000100') * 1000);
    const to = new Date(created('sub_bulk0000110') * 1000);
    const ids = await everyPage({ createdFrom: from, createdTo: to });
    expect(ids).toHaveLength(10);
    expect(ids).toContain('sub_bulk0000100');
    expect(ids).not.toContain('sub_bulk0000110');
    const page = await stripe.listSubscriptionsPage({ customer: 'cus_bulk0000017' });
    expect(page.subscriptions).toEqual([{ id: 'sub_bulk0000017', customer: 'cus_bulk0000017' }]);
  });

  it('lists customer.subscription.* events since an instant, naming the subscription', async () => {
    const since = new Date((sandbox.store.now() - 1) * 1000);
    sandbox.store.patchSubscription('sub_bulk0000042', { cancel_at_period_end: true });
    const page = await stripe.listSubscriptionEventsPage({ createdFrom: since });
    expect(page.events.map((event) => event.subscription)).toContain('sub_bulk0000042');
    const later = await stripe.listSubscriptionEventsPage({
      createdFrom: new Date(Date.now() + 60_000),
    });
    expect(later.events).toEqual([]);
  });
});
