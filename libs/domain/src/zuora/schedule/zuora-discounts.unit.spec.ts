import { aZuoraCharge, aZuoraRatePlan, aZuoraSubscription } from '../../../test/zuora-fixtures';
import type { ZuoraCharge, ZuoraRatePlan, ZuoraSubscription } from '../zuora.types';
import { planZuoraSchedule } from './zuora-schedule.planner';

// Discount charges in the shape of Zuora's published GET /v1/subscriptions/{key} example
// (API reference 2023-12-15): price null, discountAmount or discountPercentage, applyDiscountTo,
// discountLevel in lower case, discountApplyDetails naming catalog charges.

const today = '2026-11-20';

/** £20.00 a month, billed through 2026-12-01, in a term ending 2027-03-01. */
const monthly = aZuoraCharge({
  number: 'C-1',
  name: 'Monthly Fee',
  price: 20,
  effectiveStartDate: '2026-06-01',
  effectiveEndDate: '2027-03-01',
  chargedThroughDate: '2026-12-01',
  productRatePlanChargeId: 'prpc-monthly',
});

function discount(overrides: Partial<ZuoraCharge>): ZuoraCharge {
  return aZuoraCharge({
    number: 'C-9',
    name: 'Loyalty',
    model: 'DiscountPercentage',
    price: null,
    quantity: null,
    discountPercentage: 10,
    discountAmount: null,
    applyDiscountTo: 'RECURRING',
    discountLevel: 'subscription',
    discountApplyDetails: [],
    effectiveStartDate: '2026-06-01',
    effectiveEndDate: '2027-03-01',
    chargedThroughDate: '2026-12-01',
    ...overrides,
  });
}

function subscription(...plans: Partial<ZuoraRatePlan>[]): ZuoraSubscription {
  return aZuoraSubscription({
    termStartDate: '2026-06-01',
    termEndDate: '2027-03-01',
    ratePlans: plans.map((plan, n) =>
      aZuoraRatePlan({ id: `rp-${n}`, productRatePlanId: `prp-${n}`, ...plan }),
    ),
  });
}

const amounts = (sub: ZuoraSubscription) =>
  planZuoraSchedule(sub, today).map((c) => [c.sourceKey, c.amount]);

describe('planZuoraSchedule with Zuora discount charges', () => {
  it('a 10% discount on a 20.00 monthly charge plans 18.00 entries, and says what it took off', () => {
    const planned = planZuoraSchedule(
      subscription({ ratePlanCharges: [monthly, discount({})] }),
      today,
    );

    expect(planned.map((c) => [c.date, c.amount])).toEqual([
      ['2026-12-01', '18.00'],
      ['2027-01-01', '18.00'],
      ['2027-02-01', '18.00'],
    ]);
    expect(planned[0]?.discount).toEqual({
      listAmount: '20.00',
      amount: '2.00',
      from: ['Loyalty'],
    });
  });

  it('a fixed-amount discount of 5.00 plans 15.00 entries', () => {
    const fixed = discount({
      model: 'DiscountFixedAmount',
      discountPercentage: null,
      discountAmount: 5,
    });
    expect(amounts(subscription({ ratePlanCharges: [monthly, fixed] }))).toEqual([
      ['C-1@2026-12-01', '15.00'],
      ['C-1@2027-01-01', '15.00'],
      ['C-1@2027-02-01', '15.00'],
    ]);
  });

  it('a fixed amount larger than the charge leaves 0.00, and is taken once per date across charges', () => {
    const second = aZuoraCharge({ ...monthly, number: 'C-2', name: 'Extra', price: 3 });
    const fixed = discount({
      model: 'DiscountFixedAmount',
      discountPercentage: null,
      discountAmount: 21.5,
    });
    const planned = amounts(subscription({ ratePlanCharges: [monthly, second, fixed] }));
    // 21.50 off 20.00 + 3.00 on each date: C-1 goes to 0.00, C-2 keeps 1.50.
    expect(planned.slice(0, 2)).toEqual([
      ['C-1@2026-12-01', '0.00'],
      ['C-2@2026-12-01', '1.50'],
    ]);
  });

  it('percentages are taken from the list amount, then fixed amounts from what is left', () => {
    const tenPercent = discount({ number: 'C-8' });
    const fivePercent = discount({ number: 'C-7', name: 'Promo', discountPercentage: 5 });
    const fixed = discount({
      number: 'C-6',
      name: 'Voucher',
      model: 'DiscountFixedAmount',
      discountPercentage: null,
      discountAmount: 1,
    });
    const planned = planZuoraSchedule(
      subscription({ ratePlanCharges: [monthly, fixed, tenPercent, fivePercent] }),
      today,
    );
    // 20.00 − 1.00 (5 %) − 2.00 (10 %) − 1.00 = 16.00
    expect(planned[0]).toMatchObject({
      amount: '16.00',
      discount: { listAmount: '20.00', amount: '4.00', from: ['Promo', 'Loyalty', 'Voucher'] },
    });
  });

  it('a rate-plan discount reaches only its own rate plan; a subscription discount reaches all', () => {
    const other = aZuoraCharge({ ...monthly, number: 'C-5', name: 'Print', price: 10 });
    const planLevel = discount({ discountLevel: 'rateplan' });
    expect(
      amounts(
        subscription({ ratePlanCharges: [monthly, planLevel] }, { ratePlanCharges: [other] }),
      ).filter(([key]) => key?.endsWith('2026-12-01')),
    ).toEqual([
      ['C-1@2026-12-01', '18.00'],
      ['C-5@2026-12-01', '10.00'],
    ]);
    const subscriptionLevel = discount({ discountLevel: 'Subscription' });
    expect(
      amounts(
        subscription(
          { ratePlanCharges: [monthly] },
          { ratePlanCharges: [other, subscriptionLevel] },
        ),
      ).filter(([key]) => key?.endsWith('2026-12-01')),
    ).toEqual([
      ['C-1@2026-12-01', '18.00'],
      ['C-5@2026-12-01', '9.00'],
    ]);
  });

  it('discountApplyDetails limits a discount to the catalog charges it names', () => {
    const other = aZuoraCharge({
      ...monthly,
      number: 'C-5',
      price: 10,
      productRatePlanChargeId: 'prpc-other',
    });
    const named = discount({
      discountApplyDetails: [
        { appliedProductRatePlanId: 'prp-0', appliedProductRatePlanChargeId: 'prpc-other' },
      ],
    });
    expect(amounts(subscription({ ratePlanCharges: [monthly, other, named] })).slice(0, 2)).toEqual(
      [
        ['C-1@2026-12-01', '20.00'],
        ['C-5@2026-12-01', '9.00'],
      ],
    );
  });

  it('applyDiscountTo decides the charge types: a RECURRING discount leaves a one-time charge alone', () => {
    const oneTime = aZuoraCharge({
      number: 'C-3',
      name: 'Setup',
      type: 'OneTime',
      billingPeriod: null,
      price: 50,
      effectiveStartDate: '2026-12-01',
      effectiveEndDate: '2026-12-02',
      chargedThroughDate: null,
    });
    expect(
      amounts(subscription({ ratePlanCharges: [monthly, oneTime, discount({})] })).slice(0, 2),
    ).toEqual([
      ['C-1@2026-12-01', '18.00'],
      ['C-3@2026-12-01', '50.00'],
    ]);
    const both = discount({ applyDiscountTo: 'ONETIMERECURRINGUSAGE' });
    expect(
      amounts(subscription({ ratePlanCharges: [monthly, oneTime, both] })).slice(0, 2),
    ).toEqual([
      ['C-1@2026-12-01', '18.00'],
      ['C-3@2026-12-01', '45.00'],
    ]);
  });

  it('a discount applies only while in force, and a later segment can change its percentage', () => {
    const ending = discount({ effectiveEndDate: '2027-01-01' });
    expect(amounts(subscription({ ratePlanCharges: [monthly, ending] }))).toEqual([
      ['C-1@2026-12-01', '18.00'],
      ['C-1@2027-01-01', '20.00'],
      ['C-1@2027-02-01', '20.00'],
    ]);
    const stepped = discount({
      discountPercentage: 25,
      chargeSegments: [
        discount({ effectiveEndDate: '2027-02-01', segment: 1 }),
        discount({ effectiveStartDate: '2027-02-01', discountPercentage: 25, segment: 2 }),
      ],
    });
    expect(amounts(subscription({ ratePlanCharges: [monthly, stepped] }))).toEqual([
      ['C-1@2026-12-01', '18.00'],
      ['C-1@2027-01-01', '18.00'],
      ['C-1@2027-02-01', '15.00'],
    ]);
  });

  it('a discount in a removed rate plan reduces nothing, and a discount plans no entry of its own', () => {
    const removed = { ratePlanCharges: [discount({})], lastChangeType: 'Remove' as const };
    expect(amounts(subscription({ ratePlanCharges: [monthly] }, removed))).toEqual([
      ['C-1@2026-12-01', '20.00'],
      ['C-1@2027-01-01', '20.00'],
      ['C-1@2027-02-01', '20.00'],
    ]);
  });
});
