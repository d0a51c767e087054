import { PROVIDER_REGISTRY, type ProviderDefinition } from '@subsync/domain';

// Acme, a billing system that exists only in this folder: a third provider, plugged in the way a
// real one is (one registry entry), to show that the sync use case serves a provider it was not
// written for. This file is the test's "registry line"; everything else Acme needs is in
// acme-upstream.ts and acme.provider.ts.

declare module '@subsync/domain' {
  /** Acme is a provider for the whole program's types: every `Provider` union includes it. */
  interface ProviderRegistry {
    acme: ProviderDefinition;
  }
}

/** Acme's entry: what a built-in provider's entry in provider-registry.ts holds. */
export const ACME = {
  displayName: 'Acme',
  /** Acme's subscription ids are `acme_sub_` and a lowercase suffix. */
  subscriptionId: /^acme_sub_[0-9a-z]+$/,
} satisfies ProviderDefinition;

// The runtime half of the entry: the types say the registry has `acme` from here on. Only the
// specs that import this folder see it (Jest gives each spec file its own modules).
Object.assign(PROVIDER_REGISTRY, { acme: ACME } satisfies Pick<typeof PROVIDER_REGISTRY, 'acme'>);
