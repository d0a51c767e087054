import { BadRequestException, ServiceUnavailableException } from '@nestjs/common';
import Stripe from 'stripe';
import type { StripeWebhookConfig } from '@subsync/config';
import { StripeSignatureVerifier } from './stripe-signature.verifier';

const SECRET = 'whsec_unitSpecSecret';
const NOW = new Date('2026-12-01T10:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

function config(overrides: Partial<StripeWebhookConfig> = {}): StripeWebhookConfig {
  return {
    secret: SECRET,
    toleranceSeconds: 300,
    importOnWebhook: false,
    platformSources: ['shop', 'salesforce'],
    eventsRetentionDays: 30,
    ...overrides,
  };
}

/** An event as Stripe creates it: no `previous_attributes` unless it is an update. */
const event = {
  id: 'evt_1UnitSpec',
  object: 'event',
  api_version: '2026-10-28.endive',
  created: nowSeconds,
  data: { object: { id: 'pm_1', object: 'payment_method', customer: 'cus_1' } },
  livemode: false,
  pending_webhooks: 1,
  request: { id: null, idempotency_key: null },
  type: 'payment_method.attached',
};
const payload = JSON.stringify(event);

function header(body: string, options: { secret?: string; timestamp?: number } = {}): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: options.secret ?? SECRET,
    timestamp: options.timestamp ?? nowSeconds,
  });
}

function rejection(run: () => unknown): { status: number; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof BadRequestException || error instanceof ServiceUnavailableException) {
      return { status: error.getStatus(), message: error.message };
    }
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('StripeSignatureVerifier', () => {
  const verifier = new StripeSignatureVerifier(config());

  it('gives back the event Stripe signed, with or without previous_attributes', () => {
    expect(verifier.verify(Buffer.from(payload), header(payload), NOW)).toEqual({
      id: 'evt_1UnitSpec',
      object: 'event',
      type: 'payment_method.attached',
      created: nowSeconds,
      data: { object: event.data.object },
    });
    const updated = JSON.stringify({
      ...event,
      type: 'customer.updated',
      data: { object: { id: 'cus_1', object: 'customer' }, previous_attributes: { name: 'A' } },
    });
    expect(verifier.verify(Buffer.from(updated), header(updated), NOW).data).toEqual({
      object: { id: 'cus_1', object: 'customer' },
      previous_attributes: { name: 'A' },
    });
  });

  it.each<[string, () => unknown, string]>([
    [
      'another secret',
      () => verifier.verify(Buffer.from(payload), header(payload, { secret: 'whsec_x' }), NOW),
      'Stripe signature verification failed: No signatures found matching the expected signature for payload. Are you passing the raw request body you received from Stripe?',
    ],
    [
      'a changed body',
      () => verifier.verify(Buffer.from(payload.replace('cus_1', 'cus_2')), header(payload), NOW),
      'Stripe signature verification failed: No signatures found matching the expected signature for payload. Are you passing the raw request body you received from Stripe?',
    ],
    [
      'a signature older than the tolerance',
      () =>
        verifier.verify(
          Buffer.from(payload),
          header(payload, { timestamp: nowSeconds - 301 }),
          NOW,
        ),
      'Stripe signature verification failed: Timestamp outside the tolerance zone',
    ],
    [
      'a header in another format',
      () => verifier.verify(Buffer.from(payload), 'sha256=abc', NOW),
      'Stripe signature verification failed: Unable to extract timestamp and signatures from header',
    ],
    [
      'no header',
      () => verifier.verify(Buffer.from(payload), undefined, NOW),
      'Stripe-Signature header is missing',
    ],
    [
      'the header twice',
      () => verifier.verify(Buffer.from(payload), [header(payload), header(payload)], NOW),
      'Stripe-Signature header must be given once',
    ],
    [
      'no body',
      () => verifier.verify(undefined, header(payload), NOW),
      'The request has no body to verify',
    ],
  ])('%s is a 400', (_, run, message) => {
    expect(rejection(run)).toEqual({ status: 400, message });
  });

  it('a signed body that is not a Stripe event is a 400 naming what is wrong', () => {
    const body = JSON.stringify({ id: 'evt_1', object: 'charge', data: {} });
    expect(rejection(() => verifier.verify(Buffer.from(body), header(body), NOW))).toEqual({
      status: 400,
      message: expect.stringMatching(/^The signed body is not a Stripe event: object: .*type: /),
    });
  });

  it('a signature within the tolerance passes', () => {
    expect(
      verifier.verify(Buffer.from(payload), header(payload, { timestamp: nowSeconds - 299 }), NOW)
        .id,
    ).toBe('evt_1UnitSpec');
  });

  it('without STRIPE_WEBHOOK_SECRET every delivery is refused with 503, naming the variable', () => {
    const unset = new StripeSignatureVerifier(config({ secret: null }));
    expect(rejection(() => unset.verify(Buffer.from(payload), header(payload), NOW))).toEqual({
      status: 503,
      message:
        'Stripe webhooks are not configured: set STRIPE_WEBHOOK_SECRET to the endpoint’s signing secret',
    });
  });
});
