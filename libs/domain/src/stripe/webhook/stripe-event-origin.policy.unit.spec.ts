import { decideStripeEventOrigin } from './stripe-event-origin.policy';
import type { StripeEventTarget } from './stripe-webhook-events';

const PLATFORM = ['shop', 'salesforce'];

function aSubscriptionTarget(
  metadata: Record<string, string>,
  object: 'subscription' | 'invoice' = 'subscription',
): StripeEventTarget {
  return {
    kind: 'subscription',
    subscriptionId: 'sub_1',
    customerId: 'cus_1',
    object,
    objectId: object === 'invoice' ? 'in_1' : 'sub_1',
    metadata,
  };
}

describe('decideStripeEventOrigin', () => {
  it.each([
    [{ source: 'shop' }, 'subscription sub_1 was written by the platform (metadata source = shop)'],
    [
      { source: ' Salesforce ' },
      'subscription sub_1 was written by the platform (metadata source = Salesforce)',
    ],
  ])('a subscription whose metadata is %j is the platform’s', (metadata, reason) => {
    expect(decideStripeEventOrigin(aSubscriptionTarget(metadata), PLATFORM)).toEqual({
      kind: 'platform',
      reason,
    });
  });

  it('an invoice the platform raised names the invoice and its subscription', () => {
    expect(
      decideStripeEventOrigin(aSubscriptionTarget({ source: 'shop' }, 'invoice'), PLATFORM),
    ).toEqual({
      kind: 'platform',
      reason:
        'invoice in_1 of subscription sub_1 was written by the platform (metadata source = shop)',
    });
  });

  it.each([[{}], [{ source: 'dashboard' }], [{ origin: 'shop' }], [{ source: '' }]])(
    'metadata %j is someone else’s change',
    (metadata) => {
      expect(decideStripeEventOrigin(aSubscriptionTarget(metadata), PLATFORM)).toEqual({
        kind: 'external',
      });
    },
  );

  it('the platform sources are configurable', () => {
    expect(
      decideStripeEventOrigin(aSubscriptionTarget({ source: 'checkout' }), ['Checkout']),
    ).toMatchObject({ kind: 'platform' });
    expect(decideStripeEventOrigin(aSubscriptionTarget({ source: 'shop' }), ['checkout'])).toEqual({
      kind: 'external',
    });
  });

  it('customer-level events are never the platform’s', () => {
    expect(decideStripeEventOrigin({ kind: 'customer', customerId: 'cus_1' }, PLATFORM)).toEqual({
      kind: 'external',
    });
  });
});
