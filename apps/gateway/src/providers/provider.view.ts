import { z } from 'zod';
import { PROVIDER_REGISTRY, PROVIDERS, providerSchema } from '@subsync/domain';

export const providerViewSchema = z.object({
  id: providerSchema,
  displayName: z.string(),
  subscriptionIdPattern: z
    .string()
    .nullable()
    .describe(
      "A regular expression (JavaScript syntax) every one of the provider's subscription ids matches; null when its ids have no fixed shape (a Zuora tenant numbers its own).",
    ),
});
export const providerListSchema = z.object({ providers: z.array(providerViewSchema) });
export type ProviderList = z.infer<typeof providerListSchema>;

/** The provider registry as clients see it: what to offer when importing an id nobody holds. */
export function providerList(): ProviderList {
  return {
    providers: PROVIDERS.map((id) => {
      const shape: RegExp | null = PROVIDER_REGISTRY[id].subscriptionId;
      return {
        id,
        displayName: PROVIDER_REGISTRY[id].displayName,
        subscriptionIdPattern: shape?.source ?? null,
      };
    }),
  };
}
