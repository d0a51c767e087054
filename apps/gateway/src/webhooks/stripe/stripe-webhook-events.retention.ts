import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { StripeWebhookConfig } from '@subsync/config';
import { Clock } from '@subsync/messaging';
import { STRIPE_WEBHOOK_EVENTS, type StripeWebhookEvents } from '@subsync/persistence';
import { STRIPE_WEBHOOK_CONFIG } from './stripe-signature.verifier';

const DAY_MS = 86_400_000;
const EVERY_MS = 3_600_000;
const BATCH = 5_000;

/**
 * Keeps `stripe_webhook_events` to `STRIPE_WEBHOOK_EVENTS_RETENTION_DAYS`: once at start and then
 * hourly, in batches, so the table holds what deduplication needs and does not grow for ever.
 * Several gateways may prune at once; the deletes then simply find less to do.
 */
@Injectable()
export class StripeWebhookEventsRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StripeWebhookEventsRetention.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(STRIPE_WEBHOOK_EVENTS) private readonly events: StripeWebhookEvents,
    private readonly clock: Clock,
    @Inject(STRIPE_WEBHOOK_CONFIG) private readonly config: StripeWebhookConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.pruneLogged();
    this.timer = setInterval(() => void this.pruneLogged(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Deletes every event older than the retention; returns how many. */
  async prune(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.eventsRetentionDays * DAY_MS);
    let total = 0;
    for (;;) {
      const deleted = await this.events.forgetReceivedBefore(cutoff, BATCH);
      total += deleted;
      if (deleted < BATCH) return total;
    }
  }

  private async pruneLogged(): Promise<void> {
    try {
      const deleted = await this.prune();
      if (deleted > 0) this.logger.log(`forgot ${deleted} Stripe events older than the retention`);
    } catch (error) {
      // The next round tries again; a database that is down is reported elsewhere.
      this.logger.warn(
        `Stripe event retention failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
