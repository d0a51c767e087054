import { isUpstreamSubscriptionId, PROVIDERS } from '@subsync/domain';
import { providerList, providerListSchema } from './provider.view';

describe('GET /api/providers', () => {
  const { providers } = providerList();

  it('lists every provider of the registry, in its order, as the published view', () => {
    expect(providerListSchema.parse({ providers })).toEqual({ providers });
    expect(providers.map((provider) => provider.id)).toEqual(PROVIDERS);
    expect(providers.map((provider) => provider.displayName)).toEqual(['Zuora', 'Stripe']);
  });

  it.each(['sub_1QxYzAbc', 'sub_', 'sub_1-2', 'A-S00000271', 'sub-7f3a'])(
    'gives a pattern a client matches %s with as the domain does',
    (id) => {
      for (const provider of providers) {
        const matches =
          provider.subscriptionIdPattern !== null &&
          new RegExp(provider.subscriptionIdPattern).test(id);
        expect({ provider: provider.id, id, matches }).toEqual({
          provider: provider.id,
          id,
          matches: isUpstreamSubscriptionId(provider.id, id),
        });
      }
    },
  );
});
