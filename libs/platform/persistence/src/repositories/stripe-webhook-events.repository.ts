import type { DataSource, EntityManager } from 'typeorm';

/** What one Stripe event did: it queued syncs, was skipped, or concerned nothing subsync holds or reads. */
export type StripeEventOutcome = 'queued' | 'skipped' | 'not-held' | 'irrelevant' | 'unhandled';

export interface RecordedStripeEvent {
  outcome: StripeEventOutcome;
  /** The platform Events it recorded (queued or skipped). */
  eventIds: string[];
  reason: string | null;
}

/**
 * Claims a Stripe event id for this delivery. False when another delivery of the same event has
 * it already: the primary key makes a concurrent duplicate wait for the first transaction and
 * then find the row. The outcome is a placeholder until {@link recordStripeEventOutcome}.
 */
export async function claimStripeEvent(
  manager: EntityManager,
  stripeEventId: string,
  type: string,
  receivedAt: Date,
): Promise<boolean> {
  const rows: unknown = await manager.query(
    `INSERT INTO stripe_webhook_events (stripe_event_id, type, outcome, received_at)
     VALUES ($1, $2, 'unhandled', $3)
     ON CONFLICT (stripe_event_id) DO NOTHING
     RETURNING stripe_event_id`,
    [stripeEventId, type, receivedAt],
  );
  return Array.isArray(rows) && rows.length === 1;
}

export async function recordStripeEventOutcome(
  manager: EntityManager,
  stripeEventId: string,
  recorded: RecordedStripeEvent,
): Promise<void> {
  await manager.query(
    `UPDATE stripe_webhook_events SET outcome = $2, event_ids = $3, reason = $4
      WHERE stripe_event_id = $1`,
    [stripeEventId, recorded.outcome, recorded.eventIds, recorded.reason],
  );
}

/** What the first delivery of this event did. */
export async function findStripeEvent(
  manager: EntityManager,
  stripeEventId: string,
): Promise<RecordedStripeEvent | null> {
  const rows: { outcome: StripeEventOutcome; event_ids: string[]; reason: string | null }[] =
    await manager.query(
      'SELECT outcome, event_ids, reason FROM stripe_webhook_events WHERE stripe_event_id = $1',
      [stripeEventId],
    );
  const row = rows[0];
  return row === undefined
    ? null
    : { outcome: row.outcome, eventIds: row.event_ids, reason: row.reason };
}

/**
 * Forgets up to `limit` events received before `cutoff` (oldest first); returns how many. Small
 * batches keep each delete short next to the deliveries that insert.
 */
export async function deleteStripeEventsReceivedBefore(
  manager: EntityManager,
  cutoff: Date,
  limit: number,
): Promise<number> {
  const [, deleted]: [unknown[], number] = await manager.query(
    `DELETE FROM stripe_webhook_events WHERE stripe_event_id IN (
       SELECT stripe_event_id FROM stripe_webhook_events
        WHERE received_at < $1 ORDER BY received_at LIMIT $2)`,
    [cutoff, limit],
  );
  return deleted;
}

/** A stored Stripe subscription, as a webhook needs it. */
export interface HeldStripeSubscription {
  id: string;
  ownerId: string;
}

export async function findHeldStripeSubscription(
  manager: EntityManager,
  stripeSubscriptionId: string,
): Promise<HeldStripeSubscription | null> {
  const rows: { id: string; owner_id: string }[] = await manager.query(
    `SELECT s.id, s.owner_id FROM subscription_references r
       JOIN subscriptions s ON s.id = r.subscription_id
      WHERE r.provider = 'stripe' AND r.kind = 'subscription' AND r.value = $1`,
    [stripeSubscriptionId],
  );
  const row = rows[0];
  return row === undefined ? null : { id: row.id, ownerId: row.owner_id };
}

/** Every Stripe subscription the platform holds for this Stripe customer. */
export async function findHeldStripeSubscriptionsOfCustomer(
  manager: EntityManager,
  stripeCustomerId: string,
): Promise<HeldStripeSubscription[]> {
  const rows: { id: string; owner_id: string }[] = await manager.query(
    `SELECT s.id, s.owner_id FROM subscription_references r
       JOIN subscriptions s ON s.id = r.subscription_id
      WHERE r.value = $1 AND r.kind = 'account' AND r.provider = 'stripe' AND s.source = 'stripe'
      ORDER BY s.id`,
    [stripeCustomerId],
  );
  return rows.map((row) => ({ id: row.id, ownerId: row.owner_id }));
}

/** The Stripe events kept for deduplication; they are forgotten after the retention. */
export interface StripeWebhookEvents {
  /** Forgets up to `limit` events received before `cutoff`, oldest first; returns how many. */
  forgetReceivedBefore(cutoff: Date, limit: number): Promise<number>;
}

export class StripeWebhookEventsTypeOrm implements StripeWebhookEvents {
  constructor(private readonly dataSource: DataSource) {}

  forgetReceivedBefore(cutoff: Date, limit: number): Promise<number> {
    return deleteStripeEventsReceivedBefore(this.dataSource.manager, cutoff, limit);
  }
}
