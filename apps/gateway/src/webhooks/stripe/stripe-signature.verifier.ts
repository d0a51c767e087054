import {
  BadRequestException,
  Inject,
  Injectable,
  ServiceUnavailableException,
} from '@nestjs/common';
import Stripe from 'stripe';
import { z } from 'zod';
import type { StripeWebhookConfig } from '@subsync/config';
import type { StripeWebhookEvent } from '@subsync/domain';

export const STRIPE_WEBHOOK_CONFIG = Symbol('STRIPE_WEBHOOK_CONFIG');

/** The envelope every Stripe event has (https://docs.stripe.com/api/events/object). */
const eventSchema = z.object({
  id: z.string().trim().min(1).max(255),
  object: z.literal('event'),
  type: z.string().trim().min(1).max(255),
  created: z.number(),
  data: z.object({
    object: z.record(z.string(), z.unknown()),
    previous_attributes: z.unknown().optional(),
  }),
});

/**
 * Checks a delivery the way Stripe documents it, with the official SDK: the `Stripe-Signature`
 * header's HMAC-SHA256 over `<timestamp>.<raw body>` with the endpoint's secret, and a timestamp
 * no older than the configured tolerance (a replayed old delivery fails). Anything that does not
 * verify is a 400 and is not looked at further.
 */
@Injectable()
export class StripeSignatureVerifier {
  constructor(@Inject(STRIPE_WEBHOOK_CONFIG) private readonly config: StripeWebhookConfig) {}

  verify(
    rawBody: Buffer | undefined,
    signature: string | string[] | undefined,
    now: Date,
  ): StripeWebhookEvent {
    if (this.config.secret === null) {
      // Stripe retries a delivery that failed; once the secret is set, the retries get through.
      throw new ServiceUnavailableException(
        'Stripe webhooks are not configured: set STRIPE_WEBHOOK_SECRET to the endpoint’s signing secret',
      );
    }
    if (signature === undefined || signature === '') {
      throw new BadRequestException('Stripe-Signature header is missing');
    }
    if (Array.isArray(signature)) {
      throw new BadRequestException('Stripe-Signature header must be given once');
    }
    if (rawBody === undefined || rawBody.length === 0) {
      throw new BadRequestException('The request has no body to verify');
    }
    let event: unknown;
    try {
      event = Stripe.webhooks.constructEvent(
        rawBody,
        signature,
        this.config.secret,
        this.config.toleranceSeconds,
        undefined,
        now.getTime(),
      );
    } catch (error) {
      throw new BadRequestException(`Stripe signature verification failed: ${firstLine(error)}`);
    }
    const parsed = eventSchema.safeParse(event);
    if (!parsed.success) {
      throw new BadRequestException(
        `The signed body is not a Stripe event: ${parsed.error.issues
          .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
          .join('; ')}`,
      );
    }
    return parsed.data;
  }
}

/** The SDK's messages go on with advice and a docs link; the first line says what failed. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]?.trim() ?? message;
}
