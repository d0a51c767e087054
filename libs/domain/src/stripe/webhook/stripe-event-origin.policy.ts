import type { StripeEventTarget } from './stripe-webhook-events';

/** The metadata key the platform writes its own name into on the Stripe objects it creates. */
export const PLATFORM_SOURCE_METADATA_KEY = 'source';

export type StripeEventOrigin =
  /** The platform wrote this object itself: syncing it back would echo the platform's own write. */
  | { kind: 'platform'; reason: string }
  /** Stripe or someone else changed it: sync it. */
  | { kind: 'external' };

/**
 * Decides whether an event reports a change the platform made itself, as the Zuora callout
 * policy does for orders: a subscription or invoice whose own metadata has `source` set to one of
 * `platformSources` (compared without regard to case or stray spaces). Only the object's own
 * metadata counts: an invoice that Stripe raised on its own (a renewal) carries none, so a
 * renewal of a subscription the platform created is still synced. Customer and payment-method
 * events are never the platform's: it does not manage cards in Stripe.
 */
export function decideStripeEventOrigin(
  target: StripeEventTarget,
  platformSources: readonly string[],
): StripeEventOrigin {
  if (target.kind !== 'subscription') return { kind: 'external' };
  const source = target.metadata[PLATFORM_SOURCE_METADATA_KEY]?.trim();
  const known = new Set(platformSources.map((value) => value.trim().toLowerCase()));
  if (source === undefined || !known.has(source.toLowerCase())) return { kind: 'external' };
  const object =
    target.object === 'invoice'
      ? `invoice ${target.objectId ?? '(upcoming)'} of subscription ${target.subscriptionId}`
      : `subscription ${target.subscriptionId}`;
  return {
    kind: 'platform',
    reason: `${object} was written by the platform (metadata ${PLATFORM_SOURCE_METADATA_KEY} = ${source})`,
  };
}
