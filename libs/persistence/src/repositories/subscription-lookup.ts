import type { EntityManager } from 'typeorm';
import { SubscriptionEntity } from '../entities/subscription.entity';

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
    .where(
      `s.id = :ref OR s.reference = :ref OR s.zuora_subscription_number = :ref
       OR s.zuora_subscription_id = :ref OR s.stripe_subscription_id = :ref`,
      { ref },
    )
    // An exact platform id wins over a reference that happens to look the same.
    .orderBy('CASE WHEN s.id = :ref THEN 0 ELSE 1 END')
    .limit(1);
  if (options.lock === true) query.setLock('pessimistic_write');
  return query.getOne();
}
