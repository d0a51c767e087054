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

/**
 * The platform id of each ref that names a stored subscription (by platform id, reference,
 * Zuora subscription number or id, or Stripe subscription id), in one round trip. Each ref is
 * looked up through the index of every column; an exact platform id wins.
 */
export async function resolveSubscriptionIds(
  manager: EntityManager,
  refs: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(refs)];
  if (unique.length === 0) return new Map();
  const rows: { ref: string; id: string }[] = await manager.query(
    `SELECT r.ref, s.id
       FROM unnest($1::text[]) AS r(ref)
       CROSS JOIN LATERAL (
         (SELECT id, 0 AS rank FROM subscriptions WHERE id = r.ref)
         UNION ALL (SELECT id, 1 FROM subscriptions WHERE reference = r.ref)
         UNION ALL (SELECT id, 2 FROM subscriptions WHERE zuora_subscription_number = r.ref)
         UNION ALL (SELECT id, 3 FROM subscriptions WHERE zuora_subscription_id = r.ref)
         UNION ALL (SELECT id, 4 FROM subscriptions WHERE stripe_subscription_id = r.ref)
         ORDER BY rank
         LIMIT 1
       ) AS s`,
    [unique],
  );
  return new Map(rows.map((row) => [row.ref, row.id]));
}
