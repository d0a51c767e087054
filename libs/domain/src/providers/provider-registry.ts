/**
 * The billing systems subsync syncs from, named once: every provider union, schema and list in
 * the code derives from this table, so adding a provider starts with one entry here.
 */
const BUILT_IN_PROVIDERS = {
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

type BuiltInProviders = typeof BUILT_IN_PROVIDERS;

/**
 * One entry per provider: its name is a {@link Provider}. Open to module augmentation, so a test
 * can plug a provider of its own in (libs/sync/test/acme declares `acme` here and adds its
 * definition to {@link PROVIDER_REGISTRY}): the whole program then compiles with that provider in
 * every union, which shows what code still names the built-in providers one by one.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an interface, to be augmented
export interface ProviderRegistry extends BuiltInProviders {}

export type Provider = keyof ProviderRegistry;

/**
 * The registry at runtime: the built-in providers, and a provider that a test declared by
 * augmentation once the test has added its definition (hence the cast: the built-in table is
 * only a part of an augmented registry).
 */
export const PROVIDER_REGISTRY = BUILT_IN_PROVIDERS as ProviderRegistry;

/** The providers in the registry's order, as a non-empty tuple (what `z.enum` takes). */
export const PROVIDERS = Object.keys(PROVIDER_REGISTRY) as [Provider, ...Provider[]];

/** True when `ref` has the shape of the provider's own subscription id (never for Zuora). */
export function isUpstreamSubscriptionId(provider: Provider, ref: string): boolean {
  const shape: RegExp | null = PROVIDER_REGISTRY[provider].subscriptionId;
  return shape !== null && shape.test(ref);
}
