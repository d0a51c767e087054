import { aZuoraCharge, aZuoraRatePlan, aZuoraSubscription } from '../../../test/zuora-fixtures';
import type { ZuoraCharge, ZuoraRatePlan, ZuoraSubscription } from '../zuora.types';
import { planZuoraSchedule } from './zuora-schedule.planner';

const today = '2026-11-20';

interface Given {
  subscription?: Partial<ZuoraSubscription>;
  plan?: Partial<ZuoraRatePlan>;
  charge?: Partial<ZuoraCharge>;
}

/** A subscription whose term runs 2026-06-01 → 2027-06-01 with one charge, unless overridden. */
function subscriptionWith({ subscription, plan, charge }: Given): ZuoraSubscription {
  return aZuoraSubscription({
    termStartDate: '2026-06-01',
    termEndDate: '2027-06-01',
    subscriptionEndDate: '2027-06-01',
    ratePlans: [
      aZuoraRatePlan({
        ratePlanCharges: [
          aZuoraCharge({
            effectiveStartDate: '2026-06-01',
            effectiveEndDate: '2027-06-01',
            ...charge,
          }),
        ],
        ...plan,
      }),
    ],
    ...subscription,
  });
}

function datesAndAmounts(subscription: ZuoraSubscription): [string, string][] {
  return planZuoraSchedule(subscription, today).map((c) => [c.date, c.amount]);
}

describe('planZuoraSchedule', () => {
  it.each<[string, Given, [string, string][]]>([
    [
      'monthly: every month from the billed-through date until the term end',
      { charge: { chargedThroughDate: '2026-12-01' } },
      [
        ['2026-12-01', '12.99'],
        ['2027-01-01', '12.99'],
        ['2027-02-01', '12.99'],
        ['2027-03-01', '12.99'],
        ['2027-04-01', '12.99'],
        ['2027-05-01', '12.99'],
      ],
    ],
    [
      'annual: once a year within a three-year term, nothing on the term end',
      {
        subscription: { termEndDate: '2029-06-01' },
        charge: {
          billingPeriod: 'Annual',
          price: 120,
          effectiveEndDate: '2029-06-01',
          chargedThroughDate: '2027-06-01',
        },
      },
      [
        ['2027-06-01', '120.00'],
        ['2028-06-01', '120.00'],
      ],
    ],
    [
      'quarterly',
      { charge: { billingPeriod: 'Quarter', price: 35.5, chargedThroughDate: '2026-12-01' } },
      [
        ['2026-12-01', '35.50'],
        ['2027-03-01', '35.50'],
      ],
    ],
    [
      'a one-time charge not billed yet: one entry on its start date',
      {
        charge: {
          type: 'OneTime',
          billingPeriod: null,
          price: 25,
          effectiveStartDate: '2026-11-25',
          effectiveEndDate: '2026-11-26',
          chargedThroughDate: null,
        },
      },
      [['2026-11-25', '25.00']],
    ],
    [
      'a one-time charge already billed: nothing',
      {
        charge: {
          type: 'OneTime',
          billingPeriod: null,
          price: 5,
          effectiveStartDate: '2026-06-01',
          effectiveEndDate: '2026-06-02',
          chargedThroughDate: '2026-06-02',
        },
      },
      [],
    ],
    [
      'a mid-term price change: each date is priced by the segment covering it',
      {
        charge: {
          // The charge's own fields are its last segment's: not billed yet.
          price: 12,
          effectiveStartDate: '2027-01-01',
          effectiveEndDate: '2027-06-01',
          chargedThroughDate: null,
          segment: 2,
          chargeSegments: [
            aZuoraCharge({
              price: 10,
              effectiveStartDate: '2026-06-01',
              effectiveEndDate: '2027-01-01',
              chargedThroughDate: '2026-12-01',
              segment: 1,
            }),
            aZuoraCharge({
              price: 12,
              effectiveStartDate: '2027-01-01',
              effectiveEndDate: '2027-06-01',
              chargedThroughDate: null,
              segment: 2,
            }),
          ],
        },
      },
      [
        ['2026-12-01', '10.00'],
        ['2027-01-01', '12.00'],
        ['2027-02-01', '12.00'],
        ['2027-03-01', '12.00'],
        ['2027-04-01', '12.00'],
        ['2027-05-01', '12.00'],
      ],
    ],
    [
      'a quantity change in a later segment changes the amount from then on',
      {
        charge: {
          model: 'PerUnit',
          price: 9.99,
          quantity: 3,
          effectiveStartDate: '2027-03-01',
          chargedThroughDate: null,
          chargeSegments: [
            aZuoraCharge({
              model: 'PerUnit',
              price: 9.99,
              quantity: 2,
              effectiveStartDate: '2026-06-01',
              effectiveEndDate: '2027-03-01',
              chargedThroughDate: '2027-01-01',
            }),
            aZuoraCharge({
              model: 'PerUnit',
              price: 9.99,
              quantity: 3,
              effectiveStartDate: '2027-03-01',
              effectiveEndDate: '2027-06-01',
              chargedThroughDate: null,
            }),
          ],
        },
      },
      [
        ['2027-01-01', '19.98'],
        ['2027-02-01', '19.98'],
        ['2027-03-01', '29.97'],
        ['2027-04-01', '29.97'],
        ['2027-05-01', '29.97'],
      ],
    ],
    [
      'nothing billed yet (chargedThroughDate null): from the charge start, even a day ago',
      {
        subscription: { termStartDate: '2026-11-19', termEndDate: '2027-02-19' },
        charge: {
          price: 4.99,
          effectiveStartDate: '2026-11-19',
          effectiveEndDate: '2027-02-19',
          chargedThroughDate: null,
        },
      },
      [
        ['2026-11-19', '4.99'],
        ['2026-12-19', '4.99'],
        ['2027-01-19', '4.99'],
      ],
    ],
    [
      'evergreen: twelve months ahead of today, the horizon itself excluded',
      {
        subscription: { termType: 'EVERGREEN', termEndDate: null, subscriptionEndDate: null },
        charge: { effectiveEndDate: null, chargedThroughDate: '2026-11-20' },
      },
      [
        ['2026-11-20', '12.99'],
        ['2026-12-20', '12.99'],
        ['2027-01-20', '12.99'],
        ['2027-02-20', '12.99'],
        ['2027-03-20', '12.99'],
        ['2027-04-20', '12.99'],
        ['2027-05-20', '12.99'],
        ['2027-06-20', '12.99'],
        ['2027-07-20', '12.99'],
        ['2027-08-20', '12.99'],
        ['2027-09-20', '12.99'],
        ['2027-10-20', '12.99'],
      ],
    ],
    [
      'evergreen annual: only the renewal inside the horizon',
      {
        subscription: { termType: 'EVERGREEN', termEndDate: null, subscriptionEndDate: null },
        charge: {
          billingPeriod: 'Annual',
          price: 99,
          currency: 'USD',
          effectiveStartDate: '2026-03-20',
          effectiveEndDate: null,
          chargedThroughDate: '2027-03-20',
        },
      },
      [['2027-03-20', '99.00']],
    ],
    [
      'month-end clamping keeps the anchor day: Jan 31, Feb 28, Mar 31, Apr 30',
      {
        charge: {
          effectiveStartDate: '2026-12-31',
          chargedThroughDate: null,
        },
      },
      [
        ['2026-12-31', '12.99'],
        ['2027-01-31', '12.99'],
        ['2027-02-28', '12.99'],
        ['2027-03-31', '12.99'],
        ['2027-04-30', '12.99'],
        ['2027-05-31', '12.99'],
      ],
    ],
    [
      'quantity × price is exact: 3 × 9.99 = 29.97',
      {
        subscription: { termEndDate: '2027-02-01' },
        charge: { model: 'PerUnit', price: 9.99, quantity: 3 },
      },
      [
        ['2026-12-01', '29.97'],
        ['2027-01-01', '29.97'],
      ],
    ],
    [
      'decimal quantities round half-up: 1.5 × 19.99 = 29.985 → 29.99',
      {
        subscription: { termEndDate: '2027-01-01' },
        charge: { model: 'PerUnit', price: 19.99, quantity: 1.5 },
      },
      [['2026-12-01', '29.99']],
    ],
    [
      'no quantity counts as one',
      { subscription: { termEndDate: '2027-01-01' }, charge: { quantity: null } },
      [['2026-12-01', '12.99']],
    ],
    ['no price (e.g. a discount) plans nothing', { charge: { price: null } }, []],
    ['a usage charge plans nothing', { charge: { type: 'Usage', billingPeriod: 'Month' } }, []],
    [
      'a charge that ends before the term stops at its end date',
      { charge: { effectiveEndDate: '2027-02-01' } },
      [
        ['2026-12-01', '12.99'],
        ['2027-01-01', '12.99'],
      ],
    ],
    [
      'a charge billed through its end plans nothing',
      { charge: { chargedThroughDate: '2027-06-01' } },
      [],
    ],
    [
      'a removed rate plan plans nothing',
      { plan: { lastChangeType: 'Remove' }, charge: { chargedThroughDate: '2026-12-01' } },
      [],
    ],
    [
      'a cancelled subscription plans nothing after its cancellation date (in the past)',
      {
        subscription: {
          status: 'Cancelled',
          termEndDate: '2026-11-10',
          subscriptionEndDate: '2026-11-10',
        },
        charge: { effectiveEndDate: '2026-11-10', chargedThroughDate: '2026-11-10' },
      },
      [],
    ],
    [
      'a subscription cancelled at a future date bills until then, not on it',
      {
        subscription: {
          status: 'Cancelled',
          termEndDate: '2027-01-01',
          subscriptionEndDate: '2027-01-01',
        },
        charge: { effectiveEndDate: '2027-01-01', chargedThroughDate: '2026-12-01' },
      },
      [['2026-12-01', '12.99']],
    ],
    ['a suspended subscription plans nothing', { subscription: { status: 'Suspended' } }, []],
    ['an expired subscription plans nothing', { subscription: { status: 'Expired' } }, []],
    ['a draft subscription plans nothing', { subscription: { status: 'Draft' } }, []],
  ])('%s', (_case, given, expected) => {
    expect(datesAndAmounts(subscriptionWith(given))).toEqual(expected);
  });

  describe('billing periods', () => {
    // Anchored on Jan 31 over a ten-year term ending 2036-01-31 (exclusive).
    it.each<[string, number | null, string[], number]>([
      ['Month', null, ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30'], 120],
      ['Quarter', null, ['2026-01-31', '2026-04-30', '2026-07-31', '2026-10-31'], 40],
      ['Semi_Annual', null, ['2026-01-31', '2026-07-31', '2027-01-31', '2027-07-31'], 20],
      ['Annual', null, ['2026-01-31', '2027-01-31', '2028-01-31', '2029-01-31'], 10],
      ['Eighteen_Months', null, ['2026-01-31', '2027-07-31', '2029-01-31', '2030-07-31'], 7],
      ['Two_Years', null, ['2026-01-31', '2028-01-31', '2030-01-31', '2032-01-31'], 5],
      ['Three_Years', null, ['2026-01-31', '2029-01-31', '2032-01-31', '2035-01-31'], 4],
      ['Five_Years', null, ['2026-01-31', '2031-01-31'], 2],
      ['Week', null, ['2026-01-31', '2026-02-07', '2026-02-14', '2026-02-21'], 522],
      ['Specific_Months', 2, ['2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31'], 60],
      ['Specific_Weeks', 2, ['2026-01-31', '2026-02-14', '2026-02-28', '2026-03-14'], 261],
      ['Subscription_Term', null, ['2026-01-31'], 1],
      ['Specific_Months', null, [], 0],
      ['Fortnightly', null, [], 0],
    ])('%s (%s): first dates %j, %i in all', (billingPeriod, specific, first, count) => {
      const subscription = subscriptionWith({
        subscription: { termStartDate: '2026-01-31', termEndDate: '2036-01-31' },
        charge: {
          billingPeriod,
          specificBillingPeriod: specific,
          effectiveStartDate: '2026-01-31',
          effectiveEndDate: '2036-01-31',
          chargedThroughDate: null,
        },
      });

      const dates = planZuoraSchedule(subscription, today).map((c) => c.date);

      expect(dates.slice(0, 4)).toEqual(first);
      expect(dates).toHaveLength(count);
    });
  });

  it('names each charge period by charge number and date, sorted by date then sourceKey', () => {
    // given a monthly plan with a one-time activation fee, and an add-on rate plan
    const subscription = aZuoraSubscription({
      termStartDate: '2026-06-01',
      termEndDate: '2027-01-15',
      ratePlans: [
        aZuoraRatePlan({
          productName: 'Sports Add-on',
          ratePlanName: 'Monthly',
          ratePlanCharges: [
            aZuoraCharge({
              number: 'C-00000301',
              name: 'Add-on Fee',
              price: 3,
              currency: 'GBP',
              effectiveStartDate: '2026-12-01',
              effectiveEndDate: '2027-01-15',
              chargedThroughDate: null,
            }),
          ],
        }),
        aZuoraRatePlan({
          ratePlanCharges: [
            aZuoraCharge({
              number: 'C-00000273',
              name: 'Activation Fee',
              type: 'OneTime',
              billingPeriod: null,
              price: 1,
              effectiveStartDate: '2026-12-01',
              effectiveEndDate: '2026-12-02',
              chargedThroughDate: null,
            }),
            aZuoraCharge({ effectiveEndDate: '2027-01-15', chargedThroughDate: '2026-12-01' }),
          ],
        }),
      ],
    });

    // when planned
    const planned = planZuoraSchedule(subscription, today);

    // then
    expect(planned).toEqual([
      {
        sourceKey: 'C-00000272@2026-12-01',
        date: '2026-12-01',
        amount: '12.99',
        currency: 'GBP',
        description: 'Digital Pack – Monthly Fee',
      },
      {
        sourceKey: 'C-00000273@2026-12-01',
        date: '2026-12-01',
        amount: '1.00',
        currency: 'GBP',
        description: 'Digital Pack – Activation Fee',
      },
      {
        sourceKey: 'C-00000301@2026-12-01',
        date: '2026-12-01',
        amount: '3.00',
        currency: 'GBP',
        description: 'Sports Add-on – Add-on Fee',
      },
      {
        sourceKey: 'C-00000272@2027-01-01',
        date: '2027-01-01',
        amount: '12.99',
        currency: 'GBP',
        description: 'Digital Pack – Monthly Fee',
      },
      {
        sourceKey: 'C-00000301@2027-01-01',
        date: '2027-01-01',
        amount: '3.00',
        currency: 'GBP',
        description: 'Sports Add-on – Add-on Fee',
      },
    ]);
  });

  it('a plan switch: the removed plan plans nothing, the added one plans from its start', () => {
    // given the print plan was removed on 2026-10-20 and a digital plan added that day
    const subscription = aZuoraSubscription({
      termStartDate: '2026-05-20',
      termEndDate: '2027-05-20',
      ratePlans: [
        aZuoraRatePlan({
          productName: 'Print Weekend',
          ratePlanName: 'Saturday + Sunday',
          lastChangeType: 'Remove',
          ratePlanCharges: [
            aZuoraCharge({
              number: 'C-00000280',
              name: 'Weekend Delivery',
              price: 15,
              effectiveStartDate: '2026-05-20',
              effectiveEndDate: '2026-10-20',
              chargedThroughDate: '2026-10-20',
            }),
          ],
        }),
        aZuoraRatePlan({
          productName: 'Digital Standard',
          lastChangeType: 'Add',
          ratePlanCharges: [
            aZuoraCharge({
              number: 'C-00000281',
              name: 'Digital Standard Monthly',
              price: 7.99,
              effectiveStartDate: '2026-10-20',
              effectiveEndDate: '2027-05-20',
              chargedThroughDate: '2026-11-20',
            }),
          ],
        }),
      ],
    });

    // when planned, then only the digital plan bills, from 2026-11-20 to 2027-04-20
    expect(planZuoraSchedule(subscription, today).map((c) => [c.sourceKey, c.amount])).toEqual([
      ['C-00000281@2026-11-20', '7.99'],
      ['C-00000281@2026-12-20', '7.99'],
      ['C-00000281@2027-01-20', '7.99'],
      ['C-00000281@2027-02-20', '7.99'],
      ['C-00000281@2027-03-20', '7.99'],
      ['C-00000281@2027-04-20', '7.99'],
    ]);
  });
});
