import type { DataSource } from 'typeorm';
import type { OutboxTypeOrm } from '@subsync/messaging';
import {
  claimStripeEvent,
  findHeldStripeSubscription,
  findHeldStripeSubscriptionsOfCustomer,
  findStripeEvent,
  type HeldStripeSubscription,
  type RecordedStripeEvent,
  recordStripeEventOutcome,
} from '@subsync/persistence';
import {
  queueSyncRequest,
  recordSkippedSyncRequest,
  type SkippedSyncRequestInput,
  type SyncRequestInput,
} from './queue-sync-request';

/** What deciding about one Stripe event may read and write, inside its transaction. */
export interface StripeEventWork {
  heldSubscription(stripeSubscriptionId: string): Promise<HeldStripeSubscription | null>;
  /** Every Stripe subscription the platform holds for this Stripe customer. */
  heldSubscriptionsOfCustomer(stripeCustomerId: string): Promise<HeldStripeSubscription[]>;
  /** Queues a sync; returns its Event's id. */
  queue(input: SyncRequestInput & { source: string; now: Date }): Promise<string>;
  /** Records a skipped Event; returns its id. */
  recordSkipped(input: SkippedSyncRequestInput): Promise<string>;
}

export interface StripeEventIntake {
  /**
   * In one transaction: claims the Stripe event id, runs `work` and records what it did. A
   * retried delivery runs nothing and gets what the first one recorded (`duplicate`).
   */
  take(
    event: { id: string; type: string },
    receivedAt: Date,
    work: (tx: StripeEventWork) => Promise<RecordedStripeEvent>,
  ): Promise<RecordedStripeEvent & { duplicate: boolean }>;
}

export class StripeEventIntakeTypeOrm implements StripeEventIntake {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxTypeOrm,
  ) {}

  async take(
    event: { id: string; type: string },
    receivedAt: Date,
    work: (tx: StripeEventWork) => Promise<RecordedStripeEvent>,
  ): Promise<RecordedStripeEvent & { duplicate: boolean }> {
    const answer = await this.dataSource.transaction(async (manager) => {
      if (!(await claimStripeEvent(manager, event.id, event.type, receivedAt))) {
        const first = await findStripeEvent(manager, event.id);
        // The row exists: the claim lost to it, and its transaction has committed.
        return { duplicate: true, ...first! };
      }
      const recorded = await work({
        heldSubscription: (id) => findHeldStripeSubscription(manager, id),
        heldSubscriptionsOfCustomer: (id) => findHeldStripeSubscriptionsOfCustomer(manager, id),
        queue: async (input) => (await queueSyncRequest(manager, this.outbox, input)).eventId,
        recordSkipped: (input) => recordSkippedSyncRequest(manager, input),
      });
      await recordStripeEventOutcome(manager, event.id, recorded);
      return { duplicate: false, ...recorded };
    });
    if (!answer.duplicate && answer.outcome === 'queued') this.outbox.notifyCommitted();
    return answer;
  }
}
