import { createZuoraSandbox, type ZuoraSandbox } from '../zuora-sandbox';
import { SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET } from '../sandbox.constants';
import { ZUORA_SANDBOX_DEMO as DEMO } from '../seed/demo.constants';

type Json = Record<string, unknown>;

describe('Zuora sandbox: accounts, payment methods, orders and Object Query', () => {
  let sandbox: ZuoraSandbox;
  let token: string;

  beforeAll(async () => {
    sandbox = await createZuoraSandbox();
    const response = await fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `client_id=${SANDBOX_CLIENT_ID}&client_secret=${SANDBOX_CLIENT_SECRET}&grant_type=client_credentials`,
    });
    token = ((await response.json()) as { access_token: string }).access_token;
  });
  afterAll(() => sandbox.close());

  const call = (path: string) =>
    fetch(`${sandbox.url}${path}`, {
      headers: { Authorization: `Bearer ${token}`, 'Zuora-Version': '2025-08-12' },
    });
  const get = async <T = Json>(path: string): Promise<T> => {
    const response = await call(path);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };

  it('returns an account by number and by id, with custom fields, crmId and full-name addresses', async () => {
    const account = await get<{ basicInfo: Json }>(`/v1/accounts/${DEMO.accounts.hartley}`);
    expect(account).toMatchObject({
      success: true,
      basicInfo: {
        accountNumber: 'A00000271',
        name: 'Amelia Hartley',
        status: 'Active',
        crmId: '0014J00000Zx8QaQAJ',
        ExternalId__c: 'idp|7f3c9a1e-amelia-hartley',
      },
      billingAndPayment: {
        currency: 'GBP',
        defaultPaymentMethodId: expect.stringMatching(/^[0-9a-f]{32}$/),
      },
      billToContact: {
        firstName: 'Amelia',
        lastName: 'Hartley',
        state: 'Greater London',
        country: 'United Kingdom',
      },
      soldToContact: { zipCode: 'W2 4BH', country: 'United Kingdom' },
    });
    const byId = await get<{ basicInfo: Json }>(`/v1/accounts/${String(account.basicInfo.id)}`);
    expect(byId.basicInfo.accountNumber).toBe('A00000271');
  });

  it('groups payment methods by type, with masked card numbers', async () => {
    const body = await get<{ creditcard: Json[]; defaultPaymentMethodId: string }>(
      `/v1/accounts/${DEMO.accounts.hartley}/payment-methods`,
    );
    expect(body.creditcard).toEqual([
      expect.objectContaining({
        type: 'CreditCard',
        cardNumber: '************4242',
        creditCardType: 'Visa',
        expirationMonth: 8,
        isDefault: true,
      }),
      expect.objectContaining({
        cardNumber: '************4444',
        creditCardType: 'MasterCard',
        isDefault: false,
      }),
    ]);
    expect(body.defaultPaymentMethodId).toBe(body.creditcard[0]?.id);
    const defaultOnly = await get<{ creditcard: Json[] }>(
      `/v1/accounts/${DEMO.accounts.hartley}/payment-methods?isDefaultOnly=true`,
    );
    expect(defaultOnly.creditcard).toHaveLength(1);
  });

  it('replaces payment methods through the admin API', async () => {
    const put = await fetch(
      `${sandbox.url}/sandbox/accounts/${DEMO.accounts.muller}/payment-methods`,
      {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify([
          { type: 'PayPal' },
          { cardNumber: '4111111111111111', isDefault: true },
        ]),
      },
    );
    expect(put.status).toBe(200);
    const body = await get<Json>(`/v1/accounts/${DEMO.accounts.muller}/payment-methods`);
    expect(Object.keys(body).sort()).toEqual([
      'creditcard',
      'defaultPaymentMethodId',
      'paymentGateway',
      'paypal',
      'success',
    ]);
    expect(body.creditcard).toEqual([
      expect.objectContaining({ cardNumber: '************1111', isDefault: true }),
    ]);
  });

  it('returns orders with their custom fields and actions', async () => {
    const body = await get<{ order: Json }>(`/v1/orders/${DEMO.orders.platformCancel}`);
    expect(body.order).toMatchObject({
      orderNumber: 'O-00000273',
      existingAccountNumber: 'A00000273',
      customFields: { Source__c: 'shop' },
      subscriptions: [
        { subscriptionNumber: 'A-S00000273', orderActions: [{ type: 'CancelSubscription' }] },
      ],
    });
    expect((await call('/v1/orders/O-404')).status).toBe(404);
  });

  it('finds accounts by a custom field with Object Query, paging with a cursor', async () => {
    const filter = `filter[]=${encodeURIComponent('ExternalId__c.EQ:idp|shared-0001')}`;
    const first = await get<{ data: Json[]; nextPage?: string }>(
      `/object-query/accounts?${filter}&pageSize=1`,
    );
    expect(first.data).toHaveLength(1);
    expect(first.nextPage).toEqual(expect.any(String));
    const second = await get<{ data: Json[]; nextPage?: string }>(
      `/object-query/accounts?${filter}&pageSize=1&cursor=${first.nextPage}`,
    );
    expect([...first.data, ...second.data].map((a) => a.accountNumber).sort()).toEqual([
      'A00000275',
      'A00000276',
    ]);
    expect(second.nextPage).toBeUndefined();
    expect(first.data[0]).not.toHaveProperty('crmId'); // null fields are left out unless includeNullFields=true
  });

  it('lists a gateway-tokenised card without digits, as Zuora does', async () => {
    const body = await get<Json>(`/v1/accounts/${DEMO.accounts.rahman}/payment-methods`);
    const [tokenised] = body['creditcardreferencetransaction'] as Json[];
    expect(tokenised).toMatchObject({
      type: 'CreditCardReferenceTransaction',
      cardNumber: null,
      creditCardType: 'Visa',
      expirationMonth: 9,
      tokenId: 'pm_1PzRahmanGatewayToken',
      isDefault: true,
    });
    expect(body['defaultPaymentMethodId']).toBe(tokenised!['id']);
  });

  it('selects fields, expands contacts and filters with other operators', async () => {
    const body = await get<{ data: Json[] }>(
      '/object-query/accounts?filter[]=currency.EQ:GBP&fields[]=id,accountNumber,crmId&expand[]=billto&includeNullFields=true',
    );
    expect(body.data).toEqual([
      {
        id: expect.any(String),
        accountNumber: 'A00000271',
        crmId: '0014J00000Zx8QaQAJ',
        billTo: expect.objectContaining({ postalCode: 'NW1 6XE', state: 'Greater London' }),
      },
      {
        id: expect.any(String),
        accountNumber: 'A00000277',
        crmId: null,
        billTo: expect.objectContaining({ postalCode: 'M3 2BW', state: 'Greater Manchester' }),
      },
    ]);
    const inList = await get<{ data: Json[] }>(
      '/object-query/accounts?filter[]=accountNumber.IN:[A00000272,A00000273]',
    );
    expect(inList.data.map((a) => a.accountNumber)).toEqual(['A00000272', 'A00000273']);
    const none = await get<{ data: Json[] }>('/object-query/accounts?filter[]=Unused__c.EQ:x');
    expect(none.data).toEqual([]);
  });
});
