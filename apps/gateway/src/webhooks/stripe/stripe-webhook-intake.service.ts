import { Inject, Injectable, Logger } from '@nestjs/common';
import type { StripeWebhookConfig } from '@subsync/config';
import {
  classifyStripeEvent,
  decideStripeEventOrigin,
  type StripeEventTarget,
  type StripeWebhookEvent,
} from '@subsync/domain';
import { Clock } from '@subsync/messaging';
import type { HeldStripeSubscription, RecordedStripeEvent } from '@subsync/persistence';
import { STRIPE_EVENT_INTAKE, type StripeEventIntake, type StripeEventWork } from '@subsync/sync';
import { STRIPE_WEBHOOK_CONFIG } from './stripe-signature.verifier';

/** The answer to Stripe (its dashboard shows it with the delivery). */
export interface StripeWebhookAnswer extends RecordedStripeEvent {
  received: true;
  /** True for a retried delivery: nothing new was recorded, this is what the first one did. */
  duplicate: boolean;
}

/**
 * Takes a verified Stripe event in: in one transaction it claims the event id (so a retried
 * delivery queues nothing), decides what the event asks for, and queues the syncs through the
 * same path as an API sync (a queued Event and `sync.requested.v1`, trigger `upstream`), or
 * records a skipped Event for a change the platform made itself. It never waits for a sync.
 */
@Injectable()
export class StripeWebhookIntake {
  private readonly logger = new Logger(StripeWebhookIntake.name);

  constructor(
    @Inject(STRIPE_EVENT_INTAKE) private readonly intake: StripeEventIntake,
    private readonly clock: Clock,
    @Inject(STRIPE_WEBHOOK_CONFIG) private readonly config: StripeWebhookConfig,
  ) {}

  async accept(event: StripeWebhookEvent, correlationId: string): Promise<StripeWebhookAnswer> {
    const now = this.clock.now();
    const taken = await this.intake.take(event, now, (tx) =>
      this.decide(tx, event, correlationId, now),
    );
    const answer: StripeWebhookAnswer = { received: true, ...taken };
    this.logger.log(
      `Stripe ${event.type} ${event.id}: ${answer.duplicate ? 'retried delivery, ' : ''}${answer.outcome}` +
        (answer.eventIds.length > 0 ? ` (${answer.eventIds.join(', ')})` : '') +
        (answer.reason === null ? '' : `: ${answer.reason}`),
    );
    return answer;
  }

  private async decide(
    tx: StripeEventWork,
    event: StripeWebhookEvent,
    correlationId: string,
    now: Date,
  ): Promise<RecordedStripeEvent> {
    const target = classifyStripeEvent(event);
    switch (target.kind) {
      case 'unhandled':
      case 'irrelevant':
        return { outcome: target.kind, eventIds: [], reason: target.reason };
      case 'customer': {
        const held = await tx.heldSubscriptionsOfCustomer(target.customerId);
        if (held.length === 0) {
          return notHeld(`the platform holds no subscription of customer ${target.customerId}`);
        }
        const queue = this.queuer(tx, correlationId, now);
        const eventIds: string[] = [];
        for (const subscription of held) eventIds.push(await queue(subscription.id));
        return { outcome: 'queued', eventIds, reason: null };
      }
      case 'subscription':
        return this.decideForSubscription(tx, target, correlationId, now);
    }
  }

  private async decideForSubscription(
    tx: StripeEventWork,
    target: Extract<StripeEventTarget, { kind: 'subscription' }>,
    correlationId: string,
    now: Date,
  ): Promise<RecordedStripeEvent> {
    const held = await tx.heldSubscription(target.subscriptionId);
    const origin = decideStripeEventOrigin(target, this.config.platformSources);
    if (origin.kind === 'platform') {
      const eventId = await tx.recordSkipped({
        ...this.request(held?.id ?? target.subscriptionId, correlationId),
        now,
        reason: origin.reason,
        subscriptionId: held?.id ?? null,
        ownerId: held?.ownerId ?? null,
      });
      return { outcome: 'skipped', eventIds: [eventId], reason: origin.reason };
    }
    const queue = this.queuer(tx, correlationId, now);
    if (held !== null) return queued(await queue(held.id));
    if (this.config.importOnWebhook && target.object === 'subscription') {
      // A Stripe subscription id the platform does not hold is imported by stripe-sync.
      return queued(await queue(target.subscriptionId));
    }
    return notHeld(`the platform does not hold subscription ${target.subscriptionId}`);
  }

  private queuer(
    tx: StripeEventWork,
    correlationId: string,
    now: Date,
  ): (ref: string) => Promise<string> {
    return (ref) => tx.queue({ ...this.request(ref, correlationId), source: 'gateway', now });
  }

  private request(ref: HeldStripeSubscription['id'], correlationId: string) {
    return { provider: 'stripe', ref, trigger: 'upstream', correlationId } as const;
  }
}

function queued(eventId: string): RecordedStripeEvent {
  return { outcome: 'queued', eventIds: [eventId], reason: null };
}

function notHeld(reason: string): RecordedStripeEvent {
  return { outcome: 'not-held', eventIds: [], reason };
}
