/**
 * The billing systems subsync syncs from, named once: every provider union, schema and list in
 * the code derives from this table, so adding a provider starts with one entry here.
 */
export const PROVIDER_REGISTRY = {
  zuora: {
    displayName: 'Zuora',
    /** Zuora accepts a subscription's number or id, and a number's format is the tenant's own. */
    subscriptionId: null,
  },
  stripe: {
    displayName: 'Stripe',
    /** Stripe's subscription ids are `sub_` and an opaque suffix. */
    subscriptionId: /^sub_[A-Za-z0-9]+$/,
  },
} as const satisfies Record<string, ProviderDefinition>;

export interface ProviderDefinition {
  displayName: string;
  /** The shape of the provider's own subscription ids, when it has a fixed one; null otherwise. */
  subscriptionId: RegExp | null;
}

export type Provider = keyof typeof PROVIDER_REGISTRY;

/** The providers in the registry's order, as a non-empty tuple (what `z.enum` takes). */
export const PROVIDERS = Object.keys(PROVIDER_REGISTRY) as [Provider, ...Provider[]];

/** True when `ref` has the shape of the provider's own subscription id (never for Zuora). */
export function isUpstreamSubscriptionId(provider: Provider, ref: string): boolean {
  const shape: RegExp | null = PROVIDER_REGISTRY[provider].subscriptionId;
  return shape !== null && shape.test(ref);
}
