import type { EntityManager } from 'typeorm';
import { SubscriptionEntity } from '../entities/subscription.entity';

// One index lookup per kind of id, tried in this order until one matches: an exact platform id
// wins over a reference that happens to look the same. COALESCE runs a lookup only when the ones
// before it found nothing, and no OR across columns is left for the planner to get wrong.
const ANY_ID = `s.id = COALESCE(
  (SELECT id FROM subscriptions WHERE id = :ref),
  (SELECT id FROM subscriptions WHERE reference = :ref),
  (SELECT id FROM subscriptions WHERE zuora_subscription_number = :ref),
  (SELECT id FROM subscriptions WHERE stripe_subscription_id = :ref),
  (SELECT id FROM subscriptions WHERE zuora_subscription_id = :ref LIMIT 1))`;

/**
 * Finds a subscription by any id a caller may use: the platform id (`sub-…`), its reference,
 * a Zuora subscription number or id, or a Stripe subscription id.
 */
export async function findSubscriptionByAnyId(
  manager: EntityManager,
  ref: string,
  options: { lock?: boolean } = {},
): Promise<SubscriptionEntity | null> {
  const query = manager
    .getRepository(SubscriptionEntity)
    .createQueryBuilder('s')
    .where(ANY_ID, { ref });
  if (options.lock === true) query.setLock('pessimistic_write');
  return query.getOne();
}
