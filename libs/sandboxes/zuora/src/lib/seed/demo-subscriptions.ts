import type { SandboxStore } from '../store/sandbox.store';
import { addDays, addMonths, nextPeriodBoundary, type IsoDate } from '../util/dates';
import { ZUORA_SANDBOX_DEMO as DEMO } from './demo.constants';

const at = (date: IsoDate, time = '10:00:00'): string => `${date}T${time}.000Z`;

function seedTermed(store: SandboxStore, today: IsoDate): void {
  const number = DEMO.subscriptions.termed;
  const firstStart = addMonths(today, -15);
  const termStart = addMonths(today, -3);
  const termEnd = addMonths(termStart, 12);
  const billedThrough = nextPeriodBoundary(termStart, 1, today);
  const welcomePack = {
    number: 'C-00000271',
    name: 'Welcome Pack',
    description: 'Printed welcome pack, posted once',
    type: 'OneTime',
    price: 5,
    billingPeriod: null,
    effectiveStartDate: firstStart,
    effectiveEndDate: addDays(firstStart, 1),
    chargedThroughDate: addDays(firstStart, 1),
    processedThroughDate: addDays(firstStart, 1),
    done: true,
  };
  const monthly = (
    price: number,
    from: IsoDate,
    to: IsoDate,
    chargedThrough: IsoDate,
    segment: number,
  ) => ({
    number: 'C-00000272',
    name: 'Digital Premium Monthly',
    description: 'Unlimited digital access, billed monthly',
    price,
    billingPeriod: 'Month',
    effectiveStartDate: from,
    effectiveEndDate: to,
    chargedThroughDate: chargedThrough,
    processedThroughDate: addMonths(chargedThrough, -1),
    segment,
  });
  const base = {
    accountNumber: DEMO.accounts.hartley,
    termType: 'TERMED',
    subscriptionStartDate: firstStart,
    autoRenew: true,
    currency: 'GBP',
    Channel__c: 'Web',
    createdDate: at(firstStart),
  };
  const plan = (lastChangeType: string | null, ...charges: ReturnType<typeof monthly>[]) => ({
    productName: 'Digital Premium',
    ratePlanName: 'Monthly',
    lastChangeType,
    ratePlanCharges: [welcomePack, ...charges],
  });
  // Version 1: the first term. Version 2: renewed three months ago. Version 3: a price update,
  // backdated to the renewal, booked 20 days ago (so the monthly charge has two segments).
  store.putSubscription(number, {
    ...base,
    termStartDate: firstStart,
    termEndDate: termStart,
    ratePlans: [plan(null, monthly(11.99, firstStart, termStart, termStart, 1))],
    updatedDate: at(firstStart),
  });
  store.putSubscription(number, {
    ...base,
    termStartDate: termStart,
    termEndDate: termEnd,
    ratePlans: [plan(null, monthly(11.99, firstStart, termEnd, billedThrough, 1))],
    updatedDate: at(termStart, '02:00:00'),
  });
  store.putSubscription(number, {
    ...base,
    termStartDate: termStart,
    termEndDate: termEnd,
    orderNumber: DEMO.orders.priceUpdate,
    ratePlans: [
      plan(
        'Update',
        monthly(11.99, firstStart, termStart, termStart, 1),
        monthly(12.99, termStart, termEnd, billedThrough, 2),
      ),
    ],
    updatedDate: at(addDays(today, -20), '14:12:00'),
  });
}

function seedEvergreen(store: SandboxStore, today: IsoDate): void {
  const start = addMonths(today, -8);
  store.putSubscription(DEMO.subscriptions.evergreen, {
    accountNumber: DEMO.accounts.chen,
    termType: 'EVERGREEN',
    termStartDate: start,
    termEndDate: null,
    subscriptionEndDate: null,
    autoRenew: false,
    currency: 'USD',
    ratePlans: [
      {
        productName: 'Analytics Pro',
        ratePlanName: 'Annual',
        ratePlanCharges: [
          {
            name: 'Analytics Pro Annual',
            price: 99,
            billingPeriod: 'Annual',
            effectiveStartDate: start,
            effectiveEndDate: null,
            endDateCondition: 'Subscription_End',
            chargedThroughDate: addMonths(start, 12),
            processedThroughDate: start,
          },
        ],
      },
    ],
    createdDate: at(start),
    updatedDate: at(start),
  });
}

function seedCancelled(store: SandboxStore, today: IsoDate): void {
  const number = DEMO.subscriptions.cancelled;
  const start = addMonths(today, -7);
  const cancelled = addDays(today, -10);
  const charge = (end: IsoDate, chargedThrough: IsoDate) => ({
    name: 'News Digital Monthly',
    price: 9.99,
    billingPeriod: 'Month',
    effectiveStartDate: start,
    effectiveEndDate: end,
    chargedThroughDate: chargedThrough,
    processedThroughDate: addMonths(chargedThrough, -1),
  });
  const base = {
    accountNumber: DEMO.accounts.muller,
    termType: 'TERMED',
    termStartDate: start,
    currency: 'EUR',
  };
  store.putSubscription(number, {
    ...base,
    autoRenew: true,
    ratePlans: [
      {
        productName: 'News Digital',
        ratePlanName: 'Monthly',
        ratePlanCharges: [charge(addMonths(start, 12), nextPeriodBoundary(start, 1, cancelled))],
      },
    ],
    createdDate: at(start),
    updatedDate: at(start),
  });
  store.patchSubscription(number, {
    status: 'Cancelled',
    termEndDate: cancelled,
    subscriptionEndDate: cancelled,
    autoRenew: false,
    cancelReason: 'Customer request',
    orderNumber: DEMO.orders.platformCancel,
    ratePlans: [
      {
        productName: 'News Digital',
        ratePlanName: 'Monthly',
        ratePlanCharges: [charge(cancelled, cancelled)],
      },
    ],
    updatedDate: at(cancelled, '16:45:00'),
  });
}

function seedRemovedRatePlan(store: SandboxStore, today: IsoDate): void {
  const number = DEMO.subscriptions.removedRatePlan;
  const start = addMonths(today, -6);
  const switched = addMonths(today, -1);
  const print = (end: IsoDate, chargedThrough: IsoDate, lastChangeType: string | null) => ({
    productName: 'Print Weekend',
    ratePlanName: 'Saturday + Sunday',
    lastChangeType,
    ratePlanCharges: [
      {
        name: 'Weekend Delivery',
        model: 'PerUnit',
        price: 15,
        quantity: 1,
        uom: 'Each',
        billingPeriod: 'Month',
        effectiveStartDate: start,
        effectiveEndDate: end,
        chargedThroughDate: chargedThrough,
        processedThroughDate: addMonths(chargedThrough, -1),
      },
    ],
  });
  const base = {
    accountNumber: DEMO.accounts.hartley,
    termType: 'TERMED',
    termStartDate: start,
    autoRenew: true,
    currency: 'GBP',
  };
  store.putSubscription(number, {
    ...base,
    ratePlans: [print(addMonths(start, 12), nextPeriodBoundary(start, 1, switched), null)],
    createdDate: at(start),
    updatedDate: at(start),
  });
  store.putSubscription(number, {
    ...base,
    orderNumber: DEMO.orders.integrationChangePlan,
    ratePlans: [
      print(switched, switched, 'Remove'),
      {
        productName: 'Digital Standard',
        ratePlanName: 'Monthly',
        lastChangeType: 'Add',
        ratePlanCharges: [
          {
            name: 'Digital Standard Monthly',
            price: 7.99,
            billingPeriod: 'Month',
            effectiveStartDate: switched,
            chargedThroughDate: nextPeriodBoundary(switched, 1, today),
            processedThroughDate: addMonths(nextPeriodBoundary(switched, 1, today), -1),
          },
        ],
      },
    ],
    createdDate: at(start),
    updatedDate: at(switched, '11:20:00'),
  });
}

/**
 * A monthly charge started at `start` whose price rises at the next bill date: `before` is its
 * single billed segment, `after` the billed first segment and the unbilled second one.
 */
function priceRise(
  charge: { number: string; name: string },
  [from, to]: [number, number],
  start: IsoDate,
  today: IsoDate,
) {
  const end = addMonths(start, 12);
  const rise = nextPeriodBoundary(start, 1, today);
  const segment = (
    price: number,
    first: IsoDate,
    last: IsoDate,
    chargedThrough: IsoDate | null,
    segmentNo: number,
  ) => ({
    ...charge,
    price,
    billingPeriod: 'Month',
    effectiveStartDate: first,
    effectiveEndDate: last,
    chargedThroughDate: chargedThrough,
    processedThroughDate: chargedThrough === null ? null : addMonths(chargedThrough, -1),
    segment: segmentNo,
  });
  return {
    before: [segment(from, start, end, rise, 1)],
    after: [segment(from, start, rise, rise, 1), segment(to, rise, end, null, 2)],
  };
}

function seedFuturePriceChange(store: SandboxStore, today: IsoDate): void {
  const number = DEMO.subscriptions.futurePriceChange;
  const start = addMonths(today, -5);
  const charge = priceRise(
    { number: 'C-00000275', name: 'Digital Plus Monthly' },
    [10, 12],
    start,
    today,
  );
  const base = {
    accountNumber: DEMO.accounts.oconnor,
    termType: 'TERMED',
    termStartDate: start,
    autoRenew: true,
    currency: 'EUR',
  };
  store.putSubscription(number, {
    ...base,
    ratePlans: [
      {
        productName: 'Digital Plus',
        ratePlanName: 'Monthly',
        ratePlanCharges: charge.before,
      },
    ],
    createdDate: at(start),
    updatedDate: at(start),
  });
  store.putSubscription(number, {
    ...base,
    orderNumber: DEMO.orders.priceRise,
    ratePlans: [
      {
        productName: 'Digital Plus',
        ratePlanName: 'Monthly',
        lastChangeType: 'Update',
        ratePlanCharges: charge.after,
      },
    ],
    createdDate: at(start),
    updatedDate: at(addDays(today, -14), '08:05:00'),
  });
}

function seedUnbilled(store: SandboxStore, today: IsoDate): void {
  const start = addDays(today, -1);
  store.putSubscription(DEMO.subscriptions.unbilled, {
    accountNumber: DEMO.accounts.hartley,
    termType: 'TERMED',
    termStartDate: start,
    autoRenew: true,
    currency: 'GBP',
    ratePlans: [
      {
        productName: 'Digital Basic',
        ratePlanName: 'Monthly',
        ratePlanCharges: [
          {
            name: 'Activation Fee',
            type: 'OneTime',
            price: 1,
            billingPeriod: null,
            effectiveStartDate: start,
            chargedThroughDate: null,
          },
          {
            name: 'Digital Basic Monthly',
            price: 4.99,
            billingPeriod: 'Month',
            effectiveStartDate: start,
            chargedThroughDate: null,
          },
        ],
      },
    ],
    createdDate: at(start, '09:00:00'),
    updatedDate: at(start, '09:00:00'),
  });
}

function seedLeanSegments(store: SandboxStore, today: IsoDate): void {
  const start = addMonths(today, -5);
  const charge = priceRise({ number: 'C-00000277', name: 'News Monthly' }, [8, 9], start, today);
  store.putSubscription(DEMO.subscriptions.leanSegments, {
    accountNumber: DEMO.accounts.rahman,
    termType: 'TERMED',
    termStartDate: start,
    autoRenew: true,
    currency: 'GBP',
    segmentShape: 'lean',
    ratePlans: [
      {
        productName: 'News',
        ratePlanName: 'Monthly',
        lastChangeType: 'Update',
        ratePlanCharges: charge.after,
      },
    ],
    createdDate: at(start),
    updatedDate: at(addDays(today, -7)),
  });
}

function seedDiscounted(store: SandboxStore, today: IsoDate): void {
  const start = addMonths(today, -2);
  const billed = nextPeriodBoundary(start, 1, today);
  store.putSubscription(DEMO.subscriptions.discounted, {
    accountNumber: DEMO.accounts.rahman,
    termType: 'TERMED',
    termStartDate: start,
    autoRenew: true,
    currency: 'GBP',
    ratePlans: [
      {
        productName: 'Digital Premium',
        ratePlanName: 'Monthly',
        ratePlanCharges: [
          {
            number: 'C-00000278',
            name: 'Digital Premium Monthly',
            price: 20,
            billingPeriod: 'Month',
            chargedThroughDate: billed,
          },
        ],
      },
      {
        productName: 'Loyalty Discount',
        ratePlanName: '10% off',
        ratePlanCharges: [
          {
            number: 'C-00000279',
            name: 'Loyalty 10%',
            model: 'DiscountPercentage',
            discountPercentage: 10,
            applyDiscountTo: 'RECURRING',
            discountLevel: 'subscription',
            discountClass: 'Loyalty',
            billingPeriod: 'Month',
            chargedThroughDate: billed,
          },
        ],
      },
    ],
    createdDate: at(start),
    updatedDate: at(start),
  });
}

export function seedDemoSubscriptions(store: SandboxStore, today: IsoDate): void {
  seedTermed(store, today);
  seedEvergreen(store, today);
  seedCancelled(store, today);
  seedRemovedRatePlan(store, today);
  seedFuturePriceChange(store, today);
  seedUnbilled(store, today);
  seedLeanSegments(store, today);
  seedDiscounted(store, today);
}
