/** Ids of the demo data, for tests and docs. Ids are fixed; dates follow "today" (see README). */
export const STRIPE_SANDBOX_DEMO = {
  customers: {
    /** Amelia Hartley (GB, GBP): default card Visa 4242; owns sub_demoActiveGbp; has a draft one-off invoice. */
    amelia: 'cus_demoAmelia',
    /** Marcus Chen (US, USD): default card Visa 4242; owns sub_demoCancelAtPeriodEnd. */
    marcus: 'cus_demoMarcus',
    /** Sophie Müller (DE, EUR): default card Visa 4242; owns the canceled sub_demoCanceled. */
    sophie: 'cus_demoSophie',
    /** Haruto Sato (JP, JPY): no customer default; the Mastercard 4444 is only on the subscription. */
    haruto: 'cus_demoHaruto',
    /** Liam O'Connor (IE, EUR): default Visa 4242 expiring this month; owns the past_due subscription. */
    liam: 'cus_demoLiam',
  },
  subscriptions: {
    /** Active, monthly, two items (Digital £12.99 + Puzzles £2.00); 4 paid invoices; upcoming £14.99. */
    activeGbp: 'sub_demoActiveGbp',
    /** Active but `cancel_at_period_end` (requested 3 days ago); 3 paid invoices; no upcoming invoice. */
    cancelAtPeriodEnd: 'sub_demoCancelAtPeriodEnd',
    /** Canceled 10 days ago (`canceled_at` = `ended_at`); paid invoices and one void; no upcoming invoice. */
    canceled: 'sub_demoCanceled',
    /** Active, JPY (zero-decimal: 1200 is ¥1,200); `default_payment_method` = Mastercard 4444; 2 paid invoices. */
    activeJpy: 'sub_demoActiveJpy',
    /** past_due: 3 paid invoices, then an open one (2 failed attempts, retried in 2 days). */
    pastDue: 'sub_demoPastDue',
  },
  subscriptionItems: {
    activeGbpDigital: 'si_demoActiveGbpDigital',
    activeGbpPuzzles: 'si_demoActiveGbpPuzzles',
    cancelAtPeriodEnd: 'si_demoCancelAtPeriodEnd',
    canceled: 'si_demoCanceled',
    activeJpy: 'si_demoActiveJpy',
    pastDue: 'si_demoPastDue',
  },
  paymentMethods: {
    ameliaVisa: 'pm_demoAmeliaVisa4242',
    marcusVisa: 'pm_demoMarcusVisa4242',
    sophieVisa: 'pm_demoSophieVisa4242',
    /** Attached to cus_demoHaruto but only the subscription's `default_payment_method`. */
    harutoMastercard: 'pm_demoHarutoMastercard4444',
    liamVisa: 'pm_demoLiamVisa4242',
  },
  products: {
    digital: 'prod_demoDigital',
    puzzles: 'prod_demoPuzzles',
    premium: 'prod_demoPremium',
  },
  prices: {
    digitalMonthlyGbp: 'price_demoDigitalMonthlyGbp',
    puzzlesMonthlyGbp: 'price_demoPuzzlesMonthlyGbp',
    digitalMonthlyUsd: 'price_demoDigitalMonthlyUsd',
    digitalMonthlyEur: 'price_demoDigitalMonthlyEur',
    digitalMonthlyJpy: 'price_demoDigitalMonthlyJpy',
    premiumMonthlyEur: 'price_demoPremiumMonthlyEur',
  },
  invoices: {
    /** The newest paid invoice of sub_demoActiveGbp (`in_demoActiveGbp01` … `04`, oldest first). */
    activeGbpLatest: 'in_demoActiveGbp04',
    /** The open invoice of sub_demoPastDue. */
    pastDueOpen: 'in_demoPastDueOpen',
    /** A voided invoice of sub_demoCanceled. */
    canceledVoid: 'in_demoCanceledVoid',
    /** A draft one-off invoice of cus_demoAmelia, not linked to a subscription. */
    ameliaDraft: 'in_demoAmeliaDraft',
  },
} as const;
