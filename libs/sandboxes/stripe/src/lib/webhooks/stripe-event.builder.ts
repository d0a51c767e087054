import type Stripe from 'stripe';
import { randomStripeId } from '../util/ids';
import type { UnixSeconds } from '../util/time';
import { LIVEMODE } from '../views/wire';

/** A Stripe `Event` as the webhook sends it (https://docs.stripe.com/api/events/object). */
export interface SandboxEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: UnixSeconds;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
  livemode: boolean;
  pending_webhooks: number;
  request: Stripe.Event.Request;
  type: Stripe.Event.Type;
}

export interface EventInput {
  type: Stripe.Event.Type;
  object: Record<string, unknown>;
  previous?: Record<string, unknown> | null;
  created: UnixSeconds;
  apiVersion: string;
  /** Endpoints that still have to receive it. */
  pendingWebhooks: number;
}

/**
 * An event in Stripe's shape. The sandbox's changes come through its admin API, which stands
 * for Stripe's own automatic work and for the dashboard, so `request.id` is null: no API
 * request of the account caused them.
 */
export function buildEvent(input: EventInput): SandboxEvent {
  return {
    id: randomStripeId('evt'),
    object: 'event',
    api_version: input.apiVersion,
    created: input.created,
    data: {
      object: input.object,
      ...(input.previous ? { previous_attributes: input.previous } : {}),
    },
    livemode: LIVEMODE,
    pending_webhooks: input.pendingWebhooks,
    request: { id: null, idempotency_key: null },
    type: input.type,
  };
}
