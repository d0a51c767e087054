import {
  mapZuoraCustomer,
  mapZuoraOffers,
  mapZuoraPaymentMethods,
  planZuoraSchedule,
  type ZuoraSubscription,
} from '@subsync/domain';
import { ZUORA_SEGMENT_MODEL_FIELDS } from '@subsync/zuora-sandbox';
import { clientFor, startSandbox, type ZuoraSandbox } from '../testing/sandbox.fixture.spec';
import type { ZuoraClient } from '../zuora.client';
import { accountPaymentMethodsSchema, accountSchema, subscriptionSchema } from '../zuora.schemas';
import accountExample from './fixtures/get-account.json';
import paymentMethodsExample from './fixtures/get-account-payment-methods.json';
import subscriptionExample from './fixtures/get-subscription.json';
import segmentModelFields from './fixtures/rate-plan-charge-segment.fields.json';

// Contract tests against material subsync did not write. The fixtures are transcribed example
// responses; each says where it comes from:
// - get-subscription.json: the 200 example of GET /v1/subscriptions/{subscription-key}
//   (operationId GET_SubscriptionsByKey) in Zuora's API reference, OpenAPI info.version
//   2023-12-15, as mirrored in github.com/api-evangelist/zuora openapi/zuora-subscriptions-api-openapi.yml
//   (snapshot 6661f0f, 2026-08-22). It is read without charge-detail, so it has no chargeSegments.
// - get-account.json: the 200 example of GET /v1/accounts/{account-key} (GET_Account), same
//   reference and mirror, openapi/zuora-accounts-api-openapi.yml.
// - get-account-payment-methods.json: the 200 example of GET /v1/accounts/{account-key}/payment-methods
//   (GET_AcountPaymentMethods), same file.
// - rate-plan-charge-segment.fields.json: the JSON field names of the model RatePlanChargeSegment
//   in zuora-sdk 3.13.0 for Python (PyPI), generated from Zuora's OpenAPI document 2025-08-12.
//   Zuora publishes no example of charge-detail=all-segments, so the lean answer below is made
//   from the published charges, keeping on each segment only the fields of that model.

type Json = Record<string, unknown>;

/** The published subscription, read with all-segments as Zuora's segment model shapes it. */
function publishedWithLeanSegments(): Json {
  const copy = structuredClone(subscriptionExample) as unknown as {
    ratePlans: { ratePlanCharges: Json[] }[];
  };
  for (const plan of copy.ratePlans) {
    for (const charge of plan.ratePlanCharges) {
      charge['chargeSegments'] = [
        Object.fromEntries(
          Object.entries(charge).filter(([key]) => segmentModelFields.includes(key)),
        ),
      ];
    }
  }
  return copy;
}

describe('Zuora client against Zuora\u2019s published examples', () => {
  it('reads the published subscription, its discount charge included', () => {
    const subscription = subscriptionSchema.parse(subscriptionExample);
    const [annual, discount] = subscription.ratePlans[0]!.ratePlanCharges;
    expect(annual).toMatchObject({ number: 'C-00032238', price: 100, billingPeriod: 'Annual' });
    expect(discount).toMatchObject({
      model: 'DiscountFixedAmount',
      price: null,
      discountAmount: 10,
      applyDiscountTo: 'ONETIMERECURRINGUSAGE',
      discountLevel: 'subscription',
      discountApplyDetails: [
        expect.objectContaining({
          appliedProductRatePlanChargeId: annual!.productRatePlanChargeId,
        }),
      ],
    });
    // The fixed 10.00 discount names the annual charge: its first bill is 100.00 less 10.00.
    expect(planZuoraSchedule(subscription, '2017-01-01')).toEqual([
      expect.objectContaining({ sourceKey: 'C-00032238@2017-01-01', amount: '90.00' }),
    ]);
  });

  it('reads segments in the shape of Zuora\u2019s segment model as the same subscription', () => {
    const lean = subscriptionSchema.parse(publishedWithLeanSegments());
    const plain = subscriptionSchema.parse(subscriptionExample);
    const leanCharges = lean.ratePlans[0]!.ratePlanCharges;

    // Every segment is complete: what Zuora's model leaves out comes from its charge.
    for (const charge of leanCharges) {
      const { chargeSegments, ...own } = charge;
      expect(chargeSegments).toEqual([expect.objectContaining(own)]);
    }
    const today = '2017-01-01';
    expect(planZuoraSchedule(lean, today)).toEqual(planZuoraSchedule(plain, today));
    expect(mapZuoraOffers(lean, new Map(), today)).toEqual(mapZuoraOffers(plain, new Map(), today));
    expect(mapZuoraOffers(lean, new Map(), today)[0]?.charges[0]).toMatchObject({
      billingPeriod: 'Annual',
    });
  });

  it('the fixture of Zuora\u2019s segment model is the list the sandbox renders lean segments with', () => {
    expect([...ZUORA_SEGMENT_MODEL_FIELDS].sort()).toEqual([...segmentModelFields].sort());
    for (const field of ['number', 'name', 'type', 'model', 'billingPeriod', 'originalChargeId']) {
      expect(segmentModelFields).not.toContain(field);
    }
  });

  it('reads the published account', () => {
    const account = accountSchema.parse(accountExample);
    expect(account.basicInfo).toMatchObject({ accountNumber: 'A00000001', name: 'Test' });
    expect(mapZuoraCustomer(account)).toMatchObject({ email: 'contact@example.com' });
  });

  it('reads the published payment methods: cards of every kind, the tokenised one without digits', () => {
    const cards = mapZuoraPaymentMethods(accountPaymentMethodsSchema.parse(paymentMethodsExample));
    expect(
      cards.map(({ brand, last4, expMonth, expYear, isDefault }) => ({
        brand,
        last4,
        expMonth,
        expYear,
        isDefault,
      })),
    ).toEqual([
      { brand: 'visa', last4: '1111', expMonth: 11, expYear: 2027, isDefault: true },
      expect.objectContaining({ last4: '8888', isDefault: false }),
      { brand: 'visa', last4: null, expMonth: 11, expYear: 2021, isDefault: false },
    ]);
  });
});

// Fields of the published examples the sandbox does not serve. subsync reads none of them; the
// list is here so that a field the sandbox stops serving, or a published field subsync starts to
// need, shows up as a failure instead of passing silently.
const SANDBOX_LEAVES_OUT = [
  'subscription.contractedMrr',
  'subscription.totalContractedValue',
  'subscription.billToContact',
  'subscription.soldToContact',
  'subscription.invoiceTemplateId',
  'subscription.invoiceTemplateName',
  'subscription.sequenceSetId',
  'subscription.sequenceSetName',
  'subscription.invoiceScheduleId',
  'charge.smoothingModel',
  'charge.numberOfPeriods',
  'charge.overageCalculationOption',
  'charge.overageUnusedUnitsCreditOption',
  'charge.unusedUnitsCreditRates',
  'charge.usageRecordRatingOption',
  'charge.mrr',
  'charge.dmrc',
  'charge.tcv',
  'charge.dtcv',
  'charge.invoiceScheduleId',
  // Fields of the published Delivery-model charge (and of Orders), which the sandbox has none of.
  'charge.amendedByOrderOn',
  'charge.chargeModelConfiguration',
  'charge.inputArgumentId',
  'charge.numberOfDeliveries',
  'charge.originalOrderDate',
  'charge.ratingGroup',
  'charge.subscriptionChargeDeliverySchedule',
  'charge.subscriptionChargeIntervalPricing',
  'account.basicInfo.invoiceTemplateId',
  'account.basicInfo.communicationProfileId',
  'account.basicInfo.profileNumber',
  'account.basicInfo.sequenceSetId',
  'account.basicInfo.partnerAccount',
  'account.metricsData',
  'account.einvoiceProfile',
  'account.billToContact.fax',
  'account.billToContact.otherPhone',
  'account.billToContact.otherPhoneType',
  'account.billToContact.taxRegion',
  'account.soldToContact.fax',
  'account.soldToContact.otherPhone',
  'account.soldToContact.otherPhoneType',
  'account.soldToContact.taxRegion',
  'card.AA_PICKLIST__c',
];

const kind = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/**
 * How `actual` differs from `example`: a field missing (`path`), or one of another JSON type
 * (`path: string ≠ number`); null matches any type, since either side may have no value.
 */
function differences(example: unknown, actual: unknown, path: string): string[] {
  if (kind(example) === 'object' && kind(actual) === 'object') {
    return Object.entries(example as Json).flatMap(([key, value]) =>
      key in (actual as Json)
        ? differences(value, (actual as Json)[key], `${path}.${key}`)
        : [`${path}.${key}`],
    );
  }
  if (kind(example) === 'array' && kind(actual) === 'array') {
    const [first] = example as unknown[];
    return (actual as unknown[]).flatMap((item) => differences(first, item, `${path}[]`));
  }
  const [e, a] = [kind(example), kind(actual)];
  return e === 'null' || a === 'null' || e === a ? [] : [`${path}: ${e} \u2260 ${a}`];
}

/** Every charge of a published subscription against every charge the sandbox answers. */
function chargeDifferences(example: Json, actual: Json): string[] {
  const charges = (body: Json): Json[] =>
    (body['ratePlans'] as { ratePlanCharges: Json[] }[]).flatMap((plan) => plan.ratePlanCharges);
  return charges(example).flatMap((published) =>
    charges(actual).flatMap((served) => differences(published, served, 'charge')),
  );
}

describe('Zuora sandbox against Zuora\u2019s published examples', () => {
  let sandbox: ZuoraSandbox;
  let zuora: ZuoraClient;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox();
    zuora = clientFor(sandbox);
    const response = await fetch(`${sandbox.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `client_id=${sandbox.clientId}&client_secret=${sandbox.clientSecret}&grant_type=client_credentials`,
    });
    token = ((await response.json()) as { access_token: string }).access_token;
  });
  afterAll(() => sandbox.close());

  const get = async (path: string): Promise<Json> => {
    const response = await fetch(`${sandbox.url}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Json;
  };
  const unique = (paths: string[]) => [...new Set(paths.map((p) => p.replace(/\[\]/g, '')))];

  it('answers a subscription with every published field the sync could read, in the same types', async () => {
    // A-S00000278 has a plain charge and a discount charge, like the published example.
    const served = await get('/v1/subscriptions/A-S00000278?charge-detail=all-segments');
    const { ratePlans: _plans, ...published } = subscriptionExample;
    const { ratePlans: _served, ...servedTop } = served;
    const found = unique([
      ...differences(published, servedTop, 'subscription'),
      ...chargeDifferences(subscriptionExample, served),
    ]);
    expect(found.filter((p) => p.includes('\u2260'))).toEqual([]);
    expect(found.sort()).toEqual(
      SANDBOX_LEAVES_OUT.filter((p) => /^(subscription|charge)\./.test(p)).sort(),
    );
  });

  it('answers lean segments with the fields of Zuora\u2019s segment model only, and the client reads them', async () => {
    sandbox.configure({ segmentShape: 'lean' });
    try {
      const served = await get('/v1/subscriptions/A-S00000275?charge-detail=all-segments');
      const plans = served['ratePlans'] as { ratePlanCharges: { chargeSegments: Json[] }[] }[];
      const keys = plans.flatMap((plan) =>
        plan.ratePlanCharges.flatMap((charge) => charge.chargeSegments.flatMap(Object.keys)),
      );
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.filter((key) => !segmentModelFields.includes(key))).toEqual([]);
      const read: ZuoraSubscription = await zuora.getSubscription('A-S00000275');
      const segments = read.ratePlans[0]!.ratePlanCharges[0]!.chargeSegments ?? [];
      expect(segments.map((s) => [s.number, s.billingPeriod, s.price])).toEqual([
        ['C-00000275', 'Month', 10],
        ['C-00000275', 'Month', 12],
      ]);
    } finally {
      sandbox.configure({ segmentShape: 'rich' });
    }
  });

  it('answers an account with the published fields in the same types', async () => {
    const found = unique(
      differences(accountExample, await get('/v1/accounts/A00000277'), 'account'),
    );
    expect(found.filter((p) => p.includes('\u2260'))).toEqual([]);
    expect(found.sort()).toEqual(SANDBOX_LEAVES_OUT.filter((p) => p.startsWith('account.')).sort());
  });

  it('answers payment methods grouped as published, a tokenised card with the published fields', async () => {
    const served = await get('/v1/accounts/A00000277/payment-methods');
    const groups = ['creditcard', 'creditcardreferencetransaction'] as const;
    const found = unique(
      groups.flatMap((group) =>
        differences(paymentMethodsExample[group][0], (served[group] as Json[])[0], 'card'),
      ),
    );
    expect(found.filter((p) => p.includes('\u2260'))).toEqual([]);
    expect(found).toEqual(SANDBOX_LEAVES_OUT.filter((p) => p.startsWith('card.')));
    const { creditcard: _c, creditcardreferencetransaction: _t, ...rest } = paymentMethodsExample;
    const { debitcard: _d, ach: _a, ...top } = rest;
    expect(differences(top, served, 'payment-methods')).toEqual([]);
  });
});
