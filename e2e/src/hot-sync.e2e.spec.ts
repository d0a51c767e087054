import { eventually, RunningSystem } from './support/running-system';
import { foreignKey, TestIdentityProvider } from './support/test-identity-provider';

// Hot sync at login, end to end: a test IdP signs ID tokens, the gateway verifies them, hot-sync
// resolves the identity claims, and zuora-sync pulls each Zuora account from the sandbox.

interface EventView {
  id: string;
  type: string;
  ref: string;
  status: string;
  reason: string | null;
}
interface SubscriptionView {
  owner: string;
  customer: { id: string; name: string | null; identities: { service: string; id: string }[] };
  addresses: { type: string; country: string | null }[];
  paymentMethods: { brand: string | null; last4: string | null; default: boolean }[];
}

const claimConfig = (overrides: Record<string, unknown> = {}) => ({
  claim: 'zuora_account',
  service: 'zuora',
  issuer: 'zuora',
  type: 'account',
  accountLookup: false,
  accountLookupField: null,
  ...overrides,
});

describe('hot sync at login', () => {
  let system: RunningSystem;
  let idp: TestIdentityProvider;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    system = await RunningSystem.start(['gateway', 'zuora-sync', 'hot-sync']);
    await configureClaims([
      claimConfig(),
      claimConfig({ claim: 'sub', accountLookup: true, accountLookupField: 'ExternalId__c' }),
    ]);
  });

  afterAll(async () => {
    await system?.stop();
    await idp?.close();
  });

  async function configureClaims(identityClaims: unknown[]): Promise<void> {
    const response = await system.api('PUT', '/api/settings/auth-providers/test-idp', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        issuer: idp.issuer,
        jwksUrl: idp.jwksUrl,
        audience: 'subsync',
        identityClaims,
      }),
    });
    expect(response.status).toBeLessThan(300);
  }

  async function setHotSync(enabled: boolean): Promise<void> {
    const response = await system.api('PUT', '/api/settings/zuora', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hotSyncEnabled: enabled }),
    });
    expect(response.status).toBeLessThan(300);
  }

  async function login(idToken: string): Promise<number> {
    const response = await system.api('POST', '/api/identity/login', {
      token: null,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idToken }),
    });
    return response.status;
  }

  async function hotSyncEvents(ref?: string): Promise<EventView[]> {
    const { data } = (await system.api('GET', '/api/events?type=hot-sync&limit=200')).body as {
      data: EventView[];
    };
    return ref === undefined ? data : data.filter((event) => event.ref === ref);
  }

  /** Waits until the account's newest hot-sync Event has finished. */
  async function settledEvent(ref: string): Promise<EventView> {
    return eventually(async () => {
      const [event] = await hotSyncEvents(ref);
      expect(event).toBeDefined();
      expect(event!.status).not.toBe('queued');
      return event!;
    });
  }

  async function subscription(id: string): Promise<SubscriptionView> {
    const response = await system.api('GET', `/api/subscriptions/${id}`);
    expect(response.status).toBe(200);
    return response.body as SubscriptionView;
  }

  const token = async (
    subject: string,
    claims: Record<string, unknown> = {},
    extra: { expired?: boolean; foreign?: boolean } = {},
  ) =>
    idp.idToken({
      subject,
      claims,
      audience: 'subsync',
      ...(extra.expired ? { expiresAt: Math.floor(Date.now() / 1000) - 60 } : {}),
      ...(extra.foreign ? { key: await foreignKey() } : {}),
    });

  /** Lets anything a login might have queued run its course. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 3_000));

  it('with the toggle off, a login syncs nothing', async () => {
    expect(await login(await token('user-off', { zuora_account: 'A00000271' }))).toBe(202);
    await settle();
    expect(await hotSyncEvents()).toEqual([]);
    expect((await system.api('GET', '/api/subscriptions/A-S00000271')).status).toBe(404);
  });

  it('refuses an expired token and a token with a bad signature, and publishes nothing', async () => {
    await setHotSync(true);
    expect(
      await login(await token('user', { zuora_account: 'A00000271' }, { expired: true })),
    ).toBe(401);
    expect(
      await login(await token('user', { zuora_account: 'A00000271' }, { foreign: true })),
    ).toBe(401);
    await settle();
    expect(await hotSyncEvents()).toEqual([]);
  });

  it('option A: the claim names the Zuora account; its subscriptions, customer, Salesforce identity, addresses and cards arrive', async () => {
    expect(await login(await token('amelia', { zuora_account: 'A00000271' }))).toBe(202);

    expect(await settledEvent('A00000271')).toMatchObject({
      type: 'hot-sync',
      status: 'succeeded',
    });
    const views = await Promise.all(
      ['A-S00000271', 'A-S00000274', 'A-S00000276'].map(subscription),
    );
    expect(new Set(views.map((view) => view.owner)).size).toBe(1);
    const [view] = views;
    expect(view!.customer.name).toBe('Amelia Hartley');
    expect(view!.customer.identities).toEqual(
      expect.arrayContaining([
        { service: 'zuora', id: 'A00000271' },
        { service: 'salesforce', id: '0014J00000Zx8QaQAJ' },
      ]),
    );
    expect(view!.addresses.map((address) => address.type).sort()).toEqual(['billing', 'shipping']);
    expect(view!.paymentMethods).toEqual([
      expect.objectContaining({ last4: '4242', default: true }),
      expect.objectContaining({ last4: '4444', default: false }),
    ]);
  });

  it('option A: a claim naming two accounts queues each one', async () => {
    expect(await login(await token('two', { zuora_account: ['A00000272', 'A00000273'] }))).toBe(
      202,
    );

    expect(await settledEvent('A00000272')).toMatchObject({ status: 'succeeded' });
    expect(await settledEvent('A00000273')).toMatchObject({ status: 'succeeded' });
    expect((await subscription('A-S00000272')).customer.identities).toContainEqual({
      service: 'zuora',
      id: 'A00000272',
    });
    expect((await subscription('A-S00000273')).customer.identities).toContainEqual({
      service: 'zuora',
      id: 'A00000273',
    });
  });

  it('option B: a custom-field lookup with exactly one match syncs that account', async () => {
    await system.admin('PUT', '/accounts/A00009100', {
      basicInfo: { name: 'Solo Customer', status: 'Active', ExternalId__c: 'idp|solo' },
      billToContact: {
        firstName: 'Solo',
        lastName: 'Customer',
        workEmail: 'solo@example.com',
        country: 'United Kingdom',
      },
    });
    await system.admin('PUT', '/subscriptions/A-S00009100', {
      accountNumber: 'A00009100',
      status: 'Active',
      termType: 'EVERGREEN',
      subscriptionStartDate: '2026-01-01',
      termStartDate: '2026-01-01',
      autoRenew: true,
      currency: 'GBP',
      ratePlans: [],
    });

    expect(await login(await token('idp|solo'))).toBe(202);

    expect(await settledEvent('A00009100')).toMatchObject({ status: 'succeeded' });
    expect((await subscription('A-S00009100')).customer.name).toBe('Solo Customer');
  });

  it('option B: no match skips silently; two matches skip with a visible reason', async () => {
    expect(await login(await token('idp|nobody'))).toBe(202);
    expect(await login(await token('idp|shared-0001'))).toBe(202);

    const skipped = await eventually(async () => {
      const [event] = await hotSyncEvents('ExternalId__c=idp|shared-0001');
      expect(event).toBeDefined();
      return event!;
    });
    expect(skipped).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('hot sync needs exactly one'),
    });
    await settle();
    expect((await hotSyncEvents()).filter((event) => event.ref.includes('idp|nobody'))).toEqual([]);
    expect((await system.api('GET', '/api/subscriptions/A-S00000275')).status).toBe(404);
  });

  it('a mis-configured claim is not detected, and nothing is synced', async () => {
    await configureClaims([claimConfig({ issuer: 'okta' })]);
    try {
      expect(await login(await token('misconfigured', { zuora_account: 'A00000275' }))).toBe(202);
      await settle();
      expect(await hotSyncEvents('A00000275')).toEqual([]);
    } finally {
      await configureClaims([
        claimConfig(),
        claimConfig({ claim: 'sub', accountLookup: true, accountLookupField: 'ExternalId__c' }),
      ]);
    }
  });

  it('a burst of logins syncs an account once per minimum interval, and reports the throttled one', async () => {
    expect(await login(await token('amelia', { zuora_account: 'A00000271' }))).toBe(202);
    const throttled = await eventually(async () => {
      const [event] = await hotSyncEvents('A00000271');
      expect(event!.status).toBe('skipped');
      return event!;
    });
    expect(throttled.reason).toMatch(/hot-synced less than 60 s ago/);
    expect((await hotSyncEvents('A00000271')).map((event) => event.status)).toEqual([
      'skipped',
      'succeeded',
    ]);
  });
});
