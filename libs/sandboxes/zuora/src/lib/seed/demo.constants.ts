import { stableZuoraId } from '../util/ids';

/** Keys of the demo data, for tests and docs. Ids are stable; dates follow "today" (see README). */
export const ZUORA_SANDBOX_DEMO = {
  accounts: {
    /** Amelia Hartley (GB, GBP): owns A-S00000271, A-S00000274 and A-S00000276. */
    hartley: 'A00000271',
    /** Marcus Chen (US, USD): owns the evergreen A-S00000272. */
    chen: 'A00000272',
    /** Sophie Müller (DE, EUR): owns the cancelled A-S00000273. */
    muller: 'A00000273',
    /** Liam O'Connor (IE, EUR): owns A-S00000275; shares its ExternalId__c with A00000276. */
    oconnor: 'A00000275',
    /** A second account of Liam O'Connor's with no subscriptions (same ExternalId__c). */
    oconnorDuplicate: 'A00000276',
    /** Noor Rahman (GB, GBP): default card gateway-tokenised (no digits); owns A-S00000277 and A-S00000278. */
    rahman: 'A00000277',
  },
  subscriptions: {
    /** Active, TERMED (started 3 months ago), autoRenew, GBP, 3 versions; monthly + one-time charges. */
    termed: 'A-S00000271',
    /** Active, EVERGREEN (no term end), annual charge, USD. */
    evergreen: 'A-S00000272',
    /** Cancelled 10 days ago (2 versions). */
    cancelled: 'A-S00000273',
    /** Active; a rate plan removed a month ago (`lastChangeType: "Remove"`) and another added. */
    removedRatePlan: 'A-S00000274',
    /** Active; the monthly price rises from 10.00 to 12.00 EUR at the next bill date (2 segments). */
    futurePriceChange: 'A-S00000275',
    /** Active since yesterday, not billed yet: `chargedThroughDate` is null. */
    unbilled: 'A-S00000276',
    /** Like futurePriceChange (8.00 then 9.00 GBP), but its segments always answer in Zuora's lean segment shape. */
    leanSegments: 'A-S00000277',
    /** Active; 20.00 GBP a month less a 10% subscription-level discount charge. */
    discounted: 'A-S00000278',
  },
  orders: {
    /** UpdateProduct on A-S00000271 made in Zuora's UI: no Source__c. */
    priceUpdate: 'O-00000271',
    /** CancelSubscription on A-S00000273 started by the commerce platform: Source__c "shop". */
    platformCancel: 'O-00000273',
    /** Remove + add product on A-S00000274, created by the platform's integration user, no Source__c. */
    integrationChangePlan: 'O-00000274',
    /** The price-rise amendment of A-S00000275, made in Zuora's UI. */
    priceRise: 'O-00000275',
  },
  /** The account custom field holding an identity-provider subject (hot-sync lookups). */
  externalIdField: 'ExternalId__c',
  /** Zuora user id that created O-00000274 (the platform's integration user). */
  integrationUserId: stableZuoraId('user/platform-integration'),
  /** Zuora user id of a person working in Zuora's UI (created O-00000271 and O-00000275). */
  uiUserId: stableZuoraId('user/zuora-ui'),
} as const;
