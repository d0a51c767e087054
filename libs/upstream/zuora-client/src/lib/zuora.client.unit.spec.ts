import {
  clientFor,
  startSandbox,
  traffic,
  type ZuoraSandbox,
} from './testing/sandbox.fixture.spec';
import { ZUORA_API_VERSION } from './zuora-client.options';
import type { ZuoraClient } from './zuora.client';

describe('ZuoraClient reads (against the sandbox)', () => {
  let sandbox: ZuoraSandbox;
  let zuora: ZuoraClient;

  beforeAll(async () => {
    sandbox = await startSandbox();
    zuora = clientFor(sandbox);
  });
  beforeEach(() => sandbox.clearRequests());
  afterAll(() => sandbox.close());

  it('reads a subscription with its rate plans and every charge segment', async () => {
    const sub = await zuora.getSubscription('A-S00000275');
    expect(sub).toMatchObject({
      subscriptionNumber: 'A-S00000275',
      status: 'Active',
      termType: 'TERMED',
      currency: 'EUR',
    });
    const charge = sub.ratePlans[0]?.ratePlanCharges[0];
    expect(charge).toMatchObject({
      price: 12,
      segment: 2,
      billingPeriod: 'Month',
      chargedThroughDate: null,
    });
    expect(charge?.chargeSegments?.map((s) => s.price)).toEqual([10, 12]);
  });

  it('returns the latest version when asked by the id of an old version', async () => {
    const [v1, , v3] = sandbox.store.subscriptionVersions('A-S00000271') ?? [];
    const sub = await zuora.getSubscription(v1!.id);
    expect(sub.id).toBe(v3!.id);
    expect(sub.version).toBe(3);
  });

  it('sends Zuora-Version on every call and a sanitised Zuora-Track-Id', async () => {
    await zuora.getAccount('A00000271', { trackId: 'corr:1234;"quoted"\u00e9 ' + 'x'.repeat(80) });
    const call = sandbox.requests({ pathPrefix: '/v1/' })[0];
    expect(call?.zuoraVersion).toBe(ZUORA_API_VERSION);
    expect(call?.trackId).toBe(`corr1234quoted ${'x'.repeat(49)}`);
    expect(call?.trackId).toHaveLength(64);
  });

  it('reads an account with custom fields, crmId and contacts', async () => {
    const account = await zuora.getAccount('A00000271');
    expect(account.basicInfo).toMatchObject({
      accountNumber: 'A00000271',
      crmId: '0014J00000Zx8QaQAJ',
    });
    expect(account.basicInfo['ExternalId__c']).toBe('idp|7f3c9a1e-amelia-hartley');
    expect(account.billToContact).toMatchObject({
      city: 'London',
      state: 'Greater London',
      country: 'United Kingdom',
    });
    expect(account.billingAndPayment?.currency).toBe('GBP');
  });

  it('follows nextPage through every page of an account’s subscriptions', async () => {
    const subs = await zuora.listSubscriptionsByAccount('A00000271', { pageSize: 2 });
    expect(subs.map((s) => s.subscriptionNumber)).toEqual([
      'A-S00000276',
      'A-S00000271',
      'A-S00000274',
    ]);
    expect(subs.every((s) => s.isLatestVersion === true)).toBe(true);
    expect(
      sandbox.requests({ pathPrefix: '/v1/subscriptions/accounts' }).map((r) => r.query),
    ).toEqual([
      'page=1&pageSize=2&charge-detail=all-segments',
      'page=2&pageSize=2&charge-detail=all-segments',
    ]);
  });

  it('flattens payment methods of every type', async () => {
    const methods = await zuora.getPaymentMethods('A00000271');
    expect(
      methods.paymentMethods.map((m) => [m.creditCardType, m.cardNumber, m.isDefault]),
    ).toEqual([
      ['Visa', '************4242', true],
      ['MasterCard', '************4444', false],
    ]);
    expect(methods.defaultPaymentMethodId).toBe(methods.paymentMethods[0]?.id);
  });

  it('reads an order with its custom fields', async () => {
    const order = await zuora.getOrder('O-00000273');
    expect(order.customFields).toMatchObject({
      Source__c: 'shop',
      InitiatedSource__c: 'self-service',
    });
    expect(order.subscriptions[0]?.orderActions.map((a) => a.type)).toEqual(['CancelSubscription']);
  });

  it('finds accounts by a custom field with Object Query', async () => {
    const found = await zuora.findAccountsByField('ExternalId__c', 'idp|shared-0001');
    expect(found.map((a) => a.accountNumber).sort()).toEqual(['A00000275', 'A00000276']);
    expect(await zuora.findAccountsByField('ExternalId__c', 'nobody')).toEqual([]);
    expect(traffic(sandbox).filter((line) => line.startsWith('GET /object-query'))).toHaveLength(2);
  });

  it('refuses a field name that is not one before calling Zuora', async () => {
    await expect(zuora.findAccountsByField('Id.EQ:1&x', 'v')).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
    expect(sandbox.requests({ pathPrefix: '/object-query' })).toEqual([]);
  });
});
