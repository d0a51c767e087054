import { SandboxInputError } from '@subsync/sandbox-kit';
import type { SandboxStore } from '../store/sandbox.store';
import { addMonths, nextPeriodBoundary, type IsoDate } from '../util/dates';
import { stableZuoraId } from '../util/ids';
import type { BuildContext } from '../store/build-context';

// Many realistic subscriptions at once, for load tests. Numbers are `A-S9` + seven digits and
// accounts `A9` + seven digits: the demo data's numbers (`A-S00000271`…) never start with 9.

/** The highest bulk index: the numbers have seven digits after the 9. */
export const BULK_MAX_INDEX = 9_999_999;
const BULK_NUMBER = /^A-S9(\d{7})$/;

/** The subscription number of bulk index `i` (1 … 9,999,999), e.g. 1 → `A-S90000001`. */
export function bulkSubscriptionNumber(i: number): string {
  return `A-S9${bulkDigits(i)}`;
}

/** The number of the account that owns bulk subscription `i`, e.g. 1 → `A90000001`. */
export function bulkAccountNumber(i: number): string {
  return `A9${bulkDigits(i)}`;
}

function bulkDigits(i: number): string {
  if (!Number.isInteger(i) || i < 1 || i > BULK_MAX_INDEX) {
    throw new RangeError(`a bulk index is an integer from 1 to ${BULK_MAX_INDEX} (got ${i})`);
  }
  return String(i).padStart(7, '0');
}

export interface BulkSeedOptions {
  subscriptions: number;
  /** The first index; default: one after the highest bulk index stored. */
  start?: number;
}

export interface BulkSeedResult {
  count: number;
  first: string;
  last: string;
}

const PEOPLE = [
  ['Olivia', 'Bennett'],
  ['Noah', 'Fischer'],
  ['Amara', 'Okafor'],
  ['Lucas', 'Moreau'],
  ['Mei', 'Tanaka'],
  ['Rafael', 'Silva'],
  ['Freya', 'Lindqvist'],
  ['Omar', 'Haddad'],
] as const;

const PLACES = [
  {
    currency: 'USD',
    address1: '1200 Market Street',
    city: 'San Francisco',
    state: 'California',
    zipCode: '94102',
    country: 'United States',
  },
  {
    currency: 'GBP',
    address1: '10 Downing Lane',
    city: 'Manchester',
    state: 'Greater Manchester',
    zipCode: 'M1 1AE',
    country: 'United Kingdom',
  },
  {
    currency: 'EUR',
    address1: 'Leopoldstraße 42',
    city: 'Munich',
    state: 'Bavaria',
    zipCode: '80802',
    country: 'Germany',
  },
] as const;

/** One after the highest bulk index stored, or 1. */
export function nextBulkIndex(store: SandboxStore): number {
  let highest = 0;
  for (const number of store.subscriptionNumbers()) {
    const match = BULK_NUMBER.exec(number);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest + 1;
}

/**
 * Adds `subscriptions` active monthly subscriptions, each on its own account with bill-to and
 * sold-to contacts. Term dates follow the store's clock: subscription i started `i mod 12`
 * months ago on a 12-month term, and its monthly charge is billed through the next bill date.
 * Ids are derived from the index, so the same index always gets the same ids.
 */
export function seedBulk(store: SandboxStore, options: BulkSeedOptions): BulkSeedResult {
  const { subscriptions: count } = options;
  if (!Number.isInteger(count) || count < 1) {
    throw new SandboxInputError(`subscriptions must be a positive integer (got ${count})`);
  }
  const start = options.start ?? nextBulkIndex(store);
  const end = start + count - 1;
  if (!Number.isInteger(start) || start < 1 || end > BULK_MAX_INDEX) {
    throw new SandboxInputError(
      `bulk indexes run from 1 to ${BULK_MAX_INDEX}: start ${start} with ${count} subscriptions does not fit`,
    );
  }
  for (let i = start; i <= end; i += 1) {
    const taken = bulkSubscriptionNumber(i);
    if (store.latestSubscription(taken) !== undefined) {
      throw new SandboxInputError(
        `${taken} exists already; bulk seeding adds new subscriptions`,
        409,
      );
    }
  }
  const terms = termsByAge(store.today());
  // Records are stamped 09:00 on their start date, but never later than now: an update time in
  // the future would be one Zuora never shows.
  const now = store.now().toISOString();
  const stamp = (date: IsoDate): string => {
    const at = `${date}T09:00:00.000Z`;
    return at < now ? at : now;
  };
  for (let i = start; i <= end; i += 1) {
    store.withIdFactory(bulkIds(i), () => seedOne(store, i, terms[i % terms.length]!, stamp));
  }
  return { count, first: bulkSubscriptionNumber(start), last: bulkSubscriptionNumber(end) };
}

interface BulkTerm {
  start: IsoDate;
  end: IsoDate;
  chargedThrough: IsoDate;
  processedThrough: IsoDate;
}

/** The twelve term shapes (started 0 to 11 months ago), computed once rather than per subscription. */
function termsByAge(today: IsoDate): BulkTerm[] {
  return Array.from({ length: 12 }, (_, age) => {
    const start = addMonths(today, -age);
    const chargedThrough = nextPeriodBoundary(start, 1, today);
    return {
      start,
      end: addMonths(start, 12),
      chargedThrough,
      processedThrough: addMonths(chargedThrough, -1),
    };
  });
}

/**
 * Ids for the records of bulk index `i`: the index and a sequence number in hex, so they are
 * the same on every run without hashing a label per id (hashing made seeding twice as slow).
 */
function bulkIds(i: number): BuildContext['id'] {
  const prefix = `8ad0b${i.toString(16).padStart(7, '0')}`;
  let sequence = 0;
  return () => {
    sequence += 1;
    return `${prefix}${sequence.toString(16).padStart(20, '0')}`;
  };
}

const PRODUCT = {
  productId: stableZuoraId('product/Digital Standard'),
  productRatePlanId: stableZuoraId('prp/Digital Standard/Monthly'),
  productRatePlanChargeId: stableZuoraId('prpc/Digital Standard/Monthly/charge'),
};

function seedOne(
  store: SandboxStore,
  i: number,
  term: BulkTerm,
  at: (date: IsoDate) => string,
): void {
  const accountNumber = bulkAccountNumber(i);
  const [firstName, lastName] = PEOPLE[i % PEOPLE.length]!;
  const { currency, ...address } = PLACES[i % PLACES.length]!;
  const email = `${firstName.toLowerCase()}.${lastName.toLowerCase()}.${i}@example.com`;
  store.putAccount(accountNumber, {
    basicInfo: { name: `${firstName} ${lastName} ${i}` },
    billingAndPayment: { currency, billCycleDay: Number(term.start.slice(8, 10)) },
    billToContact: { firstName, lastName, workEmail: email, ...address },
    soldToContact: { firstName, lastName, workEmail: email, ...address, address2: 'Reception' },
    createdDate: at(term.start),
  });
  store.putSubscription(bulkSubscriptionNumber(i), {
    accountNumber,
    termType: 'TERMED',
    termStartDate: term.start,
    termEndDate: term.end,
    currentTerm: 12,
    autoRenew: true,
    currency,
    ratePlans: [
      {
        productId: PRODUCT.productId,
        productName: 'Digital Standard',
        productRatePlanId: PRODUCT.productRatePlanId,
        ratePlanName: 'Monthly',
        ratePlanCharges: [
          {
            number: `C-9${String(i).padStart(7, '0')}`,
            productRatePlanChargeId: PRODUCT.productRatePlanChargeId,
            name: 'Digital Standard Monthly',
            price: 9 + (i % 5),
            billingPeriod: 'Month',
            chargedThroughDate: term.chargedThrough,
            processedThroughDate: term.processedThrough,
          },
        ],
      },
    ],
    createdDate: at(term.start),
    updatedDate: at(term.start),
  });
}
