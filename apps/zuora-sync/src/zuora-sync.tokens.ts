export const ZUORA_CONFIG = Symbol('ZUORA_CONFIG');
/** The provider's subscription listers, for backfills and the reconcile sweep. */
export const ZUORA_LISTERS = Symbol('ZUORA_LISTERS');
