import { type DynamicModule, Module } from '@nestjs/common';
import type { StripeWebhookConfig } from '@subsync/config';
import { STRIPE_WEBHOOK_CONFIG, StripeSignatureVerifier } from './stripe-signature.verifier';
import { StripeWebhookController } from './stripe-webhook.controller';
import { StripeWebhookEventsRetention } from './stripe-webhook-events.retention';
import { StripeWebhookIntake } from './stripe-webhook-intake.service';

/** `POST /api/webhooks/stripe`: Stripe events as a sync trigger. */
@Module({})
export class StripeWebhooksModule {
  static register(config: StripeWebhookConfig): DynamicModule {
    return {
      module: StripeWebhooksModule,
      controllers: [StripeWebhookController],
      providers: [
        { provide: STRIPE_WEBHOOK_CONFIG, useValue: config },
        StripeSignatureVerifier,
        StripeWebhookIntake,
        StripeWebhookEventsRetention,
      ],
    };
  }
}
