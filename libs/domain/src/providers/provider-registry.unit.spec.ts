import { providerSchema } from '../messages/message-schemas';
import { isUpstreamSubscriptionId, PROVIDERS } from './provider-registry';

describe('provider registry', () => {
  it('lists every provider once, and the message schemas accept exactly those', () => {
    expect(PROVIDERS).toEqual(['zuora', 'stripe']);
    expect(providerSchema.options).toEqual(PROVIDERS);
    expect(providerSchema.safeParse('salesforce').success).toBe(false);
  });

  it.each([
    ['stripe', 'sub_1QmR7hLkdIwHu7ix', true],
    ['stripe', 'sub_', false],
    ['stripe', 'sub-0123', false],
    ['stripe', 'A-S00000271', false],
    ['zuora', 'A-S00000271', false],
    ['zuora', 'sub_1QmR7hLkdIwHu7ix', false],
  ] as const)('%s recognises %s as its own subscription id: %s', (provider, ref, expected) => {
    expect(isUpstreamSubscriptionId(provider, ref)).toBe(expected);
  });
});
