export const STRIPE_CONFIG = Symbol('STRIPE_CONFIG');
/** The provider's subscription listers, for backfills and the reconcile sweep. */
export const STRIPE_LISTERS = Symbol('STRIPE_LISTERS');
