import type {
  HeldStripeSubscription,
  RecordedStripeEvent,
  SyncUnitOfWork,
} from '@subsync/persistence';
import {
  queueSyncRequestIn,
  recordSkippedSyncRequestIn,
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

export class StripeEventIntakeInUnitOfWork implements StripeEventIntake {
  constructor(private readonly unitOfWork: SyncUnitOfWork) {}

  async take(
    event: { id: string; type: string },
    receivedAt: Date,
    work: (tx: StripeEventWork) => Promise<RecordedStripeEvent>,
  ): Promise<RecordedStripeEvent & { duplicate: boolean }> {
    // The unit of work tells the outbox relay of what was queued once it commits.
    return this.unitOfWork.run(async (store) => {
      if (!(await store.claimStripeEvent(event.id, event.type, receivedAt))) {
        const first = await store.findStripeEvent(event.id);
        // The row exists: the claim lost to it, and its transaction has committed.
        return { duplicate: true, ...first! };
      }
      const recorded = await work({
        heldSubscription: (id) => store.findHeldStripeSubscription(id),
        heldSubscriptionsOfCustomer: (id) => store.findHeldStripeSubscriptionsOfCustomer(id),
        queue: async (input) => (await queueSyncRequestIn(store, input)).eventId,
        recordSkipped: (input) => recordSkippedSyncRequestIn(store, input),
      });
      await store.recordStripeEventOutcome(event.id, recorded);
      return { duplicate: false, ...recorded };
    });
  }
}
