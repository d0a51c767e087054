import { aZuoraCharge, aZuoraRatePlan, aZuoraSubscription } from '../../test/zuora-fixtures';
import type { SubscriptionOffer } from '../subscription/subscription.model';
import type { ZuoraRatePlan } from './zuora.types';
import {
  diffOffers,
  mapZuoraOffers,
  offerSourceKey,
  type ZuoraCatalogMappings,
} from './zuora-offers.mapper';

const today = '2026-11-20';
const digitalPackMonthly = '8a8082c45aa81b51015ad5f1e2540a07';
const sportsAddOn = '8a8082c45aa81b51015ad5f1e2540b19';
const catalog: ZuoraCatalogMappings = new Map([
  [
    digitalPackMonthly,
    { offerId: 'offer-7f3c2a9e1b4d4c0e8f5a6b7c8d9e0f1a', offerName: 'Digital Pack' },
  ],
]);

const sportsPlan = aZuoraRatePlan({
  id: '8a8082c45aa81b51015ad68744690ff0',
  productName: 'Sports',
  ratePlanName: 'Add-on Monthly',
  productRatePlanId: sportsAddOn,
  lastChangeType: 'Add',
  ratePlanCharges: [
    aZuoraCharge({
      number: 'C-00000301',
      name: 'Sports Add-on',
      model: 'PerUnit',
      price: 3.5,
      quantity: 2,
      effectiveStartDate: '2026-09-01',
      effectiveEndDate: null,
      chargedThroughDate: '2026-12-01',
    }),
  ],
});

const digitalPack: SubscriptionOffer = {
  sourceKey: `${digitalPackMonthly}/C-00000272`,
  name: 'Digital Pack',
  offerId: 'offer-7f3c2a9e1b4d4c0e8f5a6b7c8d9e0f1a',
  mapped: true,
  productName: 'Digital Pack',
  ratePlanName: 'Monthly',
  productRatePlanId: digitalPackMonthly,
  start: '2026-01-01',
  end: '2027-01-01',
  charges: [
    {
      name: 'Monthly Fee',
      type: 'Recurring',
      quantity: '1',
      price: '12.99',
      currency: 'GBP',
      billingPeriod: 'Month',
    },
  ],
};

const sports: SubscriptionOffer = {
  sourceKey: `${sportsAddOn}/C-00000301`,
  name: 'Sports – Add-on Monthly',
  offerId: null,
  mapped: false,
  productName: 'Sports',
  ratePlanName: 'Add-on Monthly',
  productRatePlanId: sportsAddOn,
  start: '2026-09-01',
  end: null,
  charges: [
    {
      name: 'Sports Add-on',
      type: 'Recurring',
      quantity: '2',
      price: '3.50',
      currency: 'GBP',
      billingPeriod: 'Month',
    },
  ],
};

describe('mapZuoraOffers', () => {
  it('a mapped plan takes the platform offer; an unmapped one is named after Zuora', () => {
    // given a mapped base plan and an unmapped add-on
    const subscription = aZuoraSubscription({ ratePlans: [aZuoraRatePlan(), sportsPlan] });

    // when mapped, then
    expect(mapZuoraOffers(subscription, catalog, today)).toEqual([digitalPack, sports]);
  });

  it('a removed rate plan is no offer', () => {
    const removed = aZuoraRatePlan({ lastChangeType: 'Remove' });
    const subscription = aZuoraSubscription({ ratePlans: [removed, sportsPlan] });

    expect(mapZuoraOffers(subscription, catalog, today)).toEqual([sports]);
  });

  it('start is the earliest charge start, end the latest charge end', () => {
    // given a plan whose one-time fee starts before its recurring charge
    const plan = aZuoraRatePlan({
      ratePlanCharges: [
        aZuoraCharge({ effectiveStartDate: '2026-02-01', effectiveEndDate: '2027-02-01' }),
        aZuoraCharge({
          number: 'C-00000271',
          name: 'Welcome Pack',
          type: 'OneTime',
          billingPeriod: null,
          price: 5,
          quantity: null,
          effectiveStartDate: '2026-01-15',
          effectiveEndDate: '2026-01-16',
        }),
      ],
    });

    const [offer] = mapZuoraOffers(aZuoraSubscription({ ratePlans: [plan] }), new Map(), today);

    expect(offer).toMatchObject({
      sourceKey: `${digitalPackMonthly}/C-00000271`,
      name: 'Digital Pack – Monthly',
      start: '2026-01-15',
      end: '2027-02-01',
      charges: [
        {
          name: 'Monthly Fee',
          type: 'Recurring',
          quantity: '1',
          price: '12.99',
          currency: 'GBP',
          billingPeriod: 'Month',
        },
        {
          name: 'Welcome Pack',
          type: 'OneTime',
          quantity: null,
          price: '5.00',
          currency: 'GBP',
          billingPeriod: null,
        },
      ],
    });
  });

  // A price rise from 10 to 12 on 2027-01-01, and 3 seats from then on.
  it.each([
    ['before the change', '2026-11-20', '10.00', '2'],
    ['on the day of the change', '2027-01-01', '12.00', '3'],
    ['after the charge ended', '2027-07-01', '12.00', '3'],
    ['before the charge started', '2026-01-01', '10.00', '2'],
  ])('prices come from the segment in force today: %s (%s) → %s × %s', (_c, day, price, qty) => {
    const segment = (from: string, to: string, p: number, q: number) =>
      aZuoraCharge({
        model: 'PerUnit',
        price: p,
        quantity: q,
        effectiveStartDate: from,
        effectiveEndDate: to,
      });
    const plan = aZuoraRatePlan({
      ratePlanCharges: [
        {
          ...segment('2027-01-01', '2027-06-01', 12, 3),
          chargeSegments: [
            segment('2026-06-01', '2027-01-01', 10, 2),
            segment('2027-01-01', '2027-06-01', 12, 3),
          ],
        },
      ],
    });

    const [offer] = mapZuoraOffers(aZuoraSubscription({ ratePlans: [plan] }), catalog, day);

    expect(offer?.charges.map((c) => [c.price, c.quantity])).toEqual([[price, qty]]);
    expect([offer?.start, offer?.end]).toEqual(['2026-06-01', '2027-06-01']);
  });
});

describe('offerSourceKey', () => {
  it.each<[string, ZuoraRatePlan, string]>([
    [
      'product rate plan and lowest charge number',
      aZuoraRatePlan({
        ratePlanCharges: [
          aZuoraCharge({ number: 'C-00000275' }),
          aZuoraCharge({ number: 'C-00000274' }),
        ],
      }),
      `${digitalPackMonthly}/C-00000274`,
    ],
    [
      'the same in a later version: new rate plan id, charges in another order',
      aZuoraRatePlan({
        id: '8a8082c45aa81b51015ad68799990aaa',
        lastChangeType: 'Update',
        ratePlanCharges: [
          aZuoraCharge({ number: 'C-00000274' }),
          aZuoraCharge({ number: 'C-00000275' }),
        ],
      }),
      `${digitalPackMonthly}/C-00000274`,
    ],
    [
      'a second subscription to the same product rate plan differs',
      aZuoraRatePlan({ ratePlanCharges: [aZuoraCharge({ number: 'C-00000400' })] }),
      `${digitalPackMonthly}/C-00000400`,
    ],
    ['a plan without charges', aZuoraRatePlan({ ratePlanCharges: [] }), digitalPackMonthly],
  ])('%s', (_case, plan, expected) => {
    expect(offerSourceKey(plan)).toBe(expected);
  });
});

describe('diffOffers', () => {
  const repriced: SubscriptionOffer = {
    ...sports,
    charges: [{ ...sports.charges[0]!, price: '4.00', quantity: '3' }],
  };

  it.each<[string, SubscriptionOffer[], SubscriptionOffer[], unknown[]]>([
    ['nothing changed', [digitalPack, sports], [sports, digitalPack], []],
    [
      'a rate plan mapped since the last sync',
      [sports],
      [{ ...sports, name: 'Sports Pass', offerId: 'offer-1', mapped: true }],
      [
        {
          field: `offers.${sports.sourceKey}.name`,
          before: 'Sports – Add-on Monthly',
          after: 'Sports Pass',
        },
        { field: `offers.${sports.sourceKey}.offerId`, before: null, after: 'offer-1' },
        { field: `offers.${sports.sourceKey}.mapped`, before: false, after: true },
      ],
    ],
    [
      'a new price and quantity change the charges',
      [sports],
      [repriced],
      [
        {
          field: `offers.${sports.sourceKey}.charges`,
          before: sports.charges,
          after: repriced.charges,
        },
      ],
    ],
    [
      'an added offer and an ended one',
      [digitalPack],
      [{ ...digitalPack, end: '2026-12-01' }, sports],
      [
        { field: `offers.${digitalPack.sourceKey}.end`, before: '2027-01-01', after: '2026-12-01' },
        { field: `offers.${sports.sourceKey}`, before: null, after: sports },
      ],
    ],
    [
      'a removed offer',
      [digitalPack, sports],
      [digitalPack],
      [{ field: `offers.${sports.sourceKey}`, before: sports, after: null }],
    ],
  ])('%s', (_case, before, after, expected) => {
    expect(diffOffers(before, after)).toEqual(expected);
  });
});
