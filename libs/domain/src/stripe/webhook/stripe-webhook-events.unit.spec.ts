import {
  classifyStripeEvent,
  type StripeEventTarget,
  type StripeWebhookEvent,
} from './stripe-webhook-events';

function anEvent(type: string, object: unknown, previous_attributes?: unknown): StripeWebhookEvent {
  return {
    id: 'evt_1SabcdEFGhijKLmn',
    type,
    data: { object, ...(previous_attributes === undefined ? {} : { previous_attributes }) },
  };
}

const subscription = {
  id: 'sub_1Sxyz',
  object: 'subscription',
  customer: 'cus_Amelia',
  status: 'past_due',
  metadata: { source: 'shop', order: 42 },
};

describe('classifyStripeEvent', () => {
  it.each([
    'customer.subscription.created',
    'customer.subscription.updated',
    'customer.subscription.deleted',
    'customer.subscription.paused',
    'customer.subscription.resumed',
  ])('%s is about its subscription, with the metadata that is text', (type) => {
    expect(classifyStripeEvent(anEvent(type, subscription))).toEqual<StripeEventTarget>({
      kind: 'subscription',
      subscriptionId: 'sub_1Sxyz',
      customerId: 'cus_Amelia',
      object: 'subscription',
      objectId: 'sub_1Sxyz',
      metadata: { source: 'shop' },
    });
  });

  it('reads an expanded customer as its id', () => {
    const target = classifyStripeEvent(
      anEvent('customer.subscription.updated', { ...subscription, customer: { id: 'cus_X' } }),
    );
    expect(target).toMatchObject({ kind: 'subscription', customerId: 'cus_X' });
  });

  it.each([
    [
      'parent.subscription_details (API 2025-03-31 and later)',
      {
        parent: {
          type: 'subscription_details',
          subscription_details: { subscription: 'sub_1Sxyz', metadata: { source: 'shop' } },
        },
      },
    ],
    ['subscription (earlier API versions)', { subscription: 'sub_1Sxyz' }],
  ])('an invoice names its subscription in %s', (_, where) => {
    const target = classifyStripeEvent(
      anEvent('invoice.paid', {
        id: 'in_1Q',
        object: 'invoice',
        customer: 'cus_Amelia',
        metadata: {},
        ...where,
      }),
    );
    // The subscription's metadata copied onto the invoice is not the invoice's own.
    expect(target).toEqual<StripeEventTarget>({
      kind: 'subscription',
      subscriptionId: 'sub_1Sxyz',
      customerId: 'cus_Amelia',
      object: 'invoice',
      objectId: 'in_1Q',
      metadata: {},
    });
  });

  it('an invoice outside any subscription concerns no sync', () => {
    expect(
      classifyStripeEvent(
        anEvent('invoice.payment_failed', {
          id: 'in_2',
          object: 'invoice',
          customer: 'cus_A',
          parent: null,
          metadata: {},
        }),
      ),
    ).toEqual({ kind: 'irrelevant', reason: 'invoice in_2 belongs to no subscription' });
  });

  it('customer.updated with a new default payment method is about the customer', () => {
    expect(
      classifyStripeEvent(
        anEvent(
          'customer.updated',
          { id: 'cus_A', object: 'customer' },
          { invoice_settings: { default_payment_method: 'pm_old' } },
        ),
      ),
    ).toEqual({ kind: 'customer', customerId: 'cus_A' });
  });

  it('customer.updated that changed only the name or email concerns no sync', () => {
    expect(
      classifyStripeEvent(
        anEvent(
          'customer.updated',
          { id: 'cus_A', object: 'customer' },
          { name: 'Old', email: 'old@x' },
        ),
      ),
    ).toEqual({
      kind: 'irrelevant',
      reason: 'customer cus_A changed nothing a sync reads (only email, name)',
    });
  });

  it('a detached card is about the customer it left', () => {
    expect(
      classifyStripeEvent(
        anEvent(
          'payment_method.detached',
          { id: 'pm_1', object: 'payment_method', customer: null },
          { customer: 'cus_A' },
        ),
      ),
    ).toEqual({ kind: 'customer', customerId: 'cus_A' });
  });

  it('an updated card is about its customer', () => {
    expect(
      classifyStripeEvent(
        anEvent('payment_method.automatically_updated', {
          id: 'pm_1',
          object: 'payment_method',
          customer: 'cus_B',
        }),
      ),
    ).toEqual({ kind: 'customer', customerId: 'cus_B' });
  });

  it.each(['customer.source.created', 'customer.source.updated', 'customer.source.deleted'])(
    '%s (a legacy card) is about its customer',
    (type) => {
      expect(
        classifyStripeEvent(
          anEvent(type, { id: 'card_1', object: 'card', customer: 'cus_C', last4: '4242' }),
        ),
      ).toEqual({ kind: 'customer', customerId: 'cus_C' });
    },
  );

  it('an unknown type is unhandled, whatever it carries', () => {
    expect(classifyStripeEvent(anEvent('charge.succeeded', { id: 'ch_1' }))).toEqual({
      kind: 'unhandled',
      reason: 'charge.succeeded is not an event subsync syncs on',
    });
  });

  it('a handled type whose object has another shape is irrelevant, not an error', () => {
    expect(
      classifyStripeEvent(anEvent('customer.subscription.updated', { id: 42, object: 'invoice' })),
    ).toEqual({
      kind: 'irrelevant',
      reason:
        'customer.subscription.updated evt_1SabcdEFGhijKLmn does not carry a subscription subsync can read',
    });
  });
});
