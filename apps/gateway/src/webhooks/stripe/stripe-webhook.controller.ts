import { Controller, Headers, HttpCode, Post, type RawBodyRequest, Req } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Clock } from '@subsync/messaging';
import { Public } from '../../auth/public.decorator';
import { correlationIdFrom } from '../../sync/sync-request.params';
import { StripeSignatureVerifier } from './stripe-signature.verifier';
import { type StripeWebhookAnswer, StripeWebhookIntake } from './stripe-webhook-intake.service';

/**
 * Stripe's webhook endpoint. Public: the `Stripe-Signature` header, checked against the
 * endpoint's signing secret, is the credential. Answers as soon as the syncs are queued.
 */
@ApiTags('Stripe Webhooks')
@Controller('api/webhooks/stripe')
export class StripeWebhookController {
  constructor(
    private readonly verifier: StripeSignatureVerifier,
    private readonly intake: StripeWebhookIntake,
    private readonly clock: Clock,
  ) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'receiveStripeWebhook',
    summary: 'Receive a Stripe event',
    description:
      'Stripe events signed with STRIPE_WEBHOOK_SECRET. Subscription, invoice, customer and payment-method events queue a sync (trigger `upstream`) of the platform subscriptions they affect; a retried delivery of the same event id is answered 200 and queues nothing; other event types are acknowledged with 200.',
  })
  @ApiHeader({
    name: 'Stripe-Signature',
    required: true,
    description: '`t=<unix seconds>,v1=<HMAC-SHA256 hex>`, as Stripe sends it',
  })
  @ApiBody({ description: 'A Stripe Event object, exactly as Stripe signed it' })
  @ApiResponse({
    status: 200,
    description:
      '{"received": true, "duplicate": false, "outcome": "queued|skipped|not-held|irrelevant|unhandled", "eventIds": ["event-…"], "reason": "…|null"}',
  })
  @ApiResponse({
    status: 400,
    description: '{"message": "…"}: missing or bad signature, or not a Stripe event',
  })
  @ApiResponse({ status: 503, description: '{"message": "…"}: STRIPE_WEBHOOK_SECRET is not set' })
  receive(
    @Req() request: RawBodyRequest<Request>,
    @Headers('x-correlation-id') correlationHeader: string | undefined,
  ): Promise<StripeWebhookAnswer> {
    const event = this.verifier.verify(
      request.rawBody,
      request.headers['stripe-signature'],
      this.clock.now(),
    );
    return this.intake.accept(event, correlationIdFrom(correlationHeader));
  }
}
