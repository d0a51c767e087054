import { clientFor, startSandbox, type ZuoraSandbox } from './testing/sandbox.fixture.spec';
import type { ZuoraClient } from './zuora.client';

describe('ZuoraClient lists subscriptions with Object Query (against the sandbox)', () => {
  let sandbox: ZuoraSandbox;
  let zuora: ZuoraClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'empty' });
    sandbox.seedBulk({ subscriptions: 250, start: 1 });
    zuora = clientFor(sandbox);
  });
  afterAll(() => sandbox.close());

  async function everyPage(
    query: Omit<Parameters<ZuoraClient['listSubscriptionsPage']>[0], 'cursor'>,
  ): Promise<{ numbers: string[]; pages: number }> {
    const numbers: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await zuora.listSubscriptionsPage({ ...query, ...(cursor ? { cursor } : {}) });
      pages += 1;
      numbers.push(...page.subscriptions.map((sub) => sub.number));
      if (page.nextPage === null) return { numbers, pages };
      cursor = page.nextPage;
    }
  }

  it('pages through every subscription once, 99 a page, in number order', async () => {
    const { numbers, pages } = await everyPage({ order: 'name' });
    expect(pages).toBe(3);
    expect(numbers).toHaveLength(250);
    expect(new Set(numbers).size).toBe(250);
    expect(numbers).toEqual([...numbers].sort());
  });

  it('lists only the latest version of an amended subscription', async () => {
    sandbox.store.patchSubscription('A-S90000007', { autoRenew: false });
    const { numbers } = await everyPage({ order: 'name' });
    expect(numbers.filter((n) => n === 'A-S90000007')).toHaveLength(1);
    expect(numbers).toHaveLength(250);
  });

  it('lists what changed since an instant, oldest change first', async () => {
    const since = new Date(Date.now() - 1000);
    sandbox.store.patchSubscription('A-S90000003', { autoRenew: false });
    const { numbers } = await everyPage({ order: 'updatedDate', updatedSince: since });
    expect(numbers).toContain('A-S90000003');
    expect(numbers).not.toContain('A-S90000004');
    const page = await zuora.listSubscriptionsPage({ order: 'updatedDate', updatedSince: since });
    const dates = page.subscriptions.map((sub) => sub.updatedDate ?? '');
    expect(dates).toEqual([...dates].sort());
  });

  it("lists an account's subscriptions", async () => {
    const accountId = sandbox.store.latestSubscription('A-S90000010')?.accountId ?? '';
    const page = await zuora.listSubscriptionsPage({ order: 'name', accountIds: [accountId] });
    expect(page.subscriptions.map((sub) => sub.number)).toEqual(['A-S90000010']);
    expect(page.nextPage).toBeNull();
  });

  it('answers a bad field with Object Query error code 27', async () => {
    const response = await fetch(`${sandbox.url}/object-query/subscriptions?sort[]=nope.ASC`, {
      headers: { authorization: `Bearer ${await token(sandbox)}`, 'zuora-version': '2025-08-12' },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Invalid sort field 'nope' for object subscription.");
  });
});

async function token(sandbox: ZuoraSandbox): Promise<string> {
  const response = await fetch(`${sandbox.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sandbox.clientId,
      client_secret: sandbox.clientSecret,
    }).toString(),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}
