import type Stripe from 'stripe';
import type { Wire } from './wire';

/** Stripe's list envelope. */
export function listOf<T>(
  url: string,
  data: T[],
  hasMore: boolean,
): Wire<Stripe.ApiList<unknown>> & { data: T[] } {
  return { object: 'list', data, has_more: hasMore, url };
}
