import type { EntityManager } from 'typeorm';
import { SubscriptionEntity } from '../entities/subscription.entity';

// One index lookup per kind of id, tried in this order until one matches: an exact platform id
// wins over a reference that happens to look the same. COALESCE runs a lookup only when the ones
// before it found nothing, and no OR across columns is left for the planner to get wrong.
const platformIdOf = (ref: string): string => `COALESCE(
  (SELECT id FROM subscriptions WHERE id = ${ref}),
  (SELECT id FROM subscriptions WHERE reference = ${ref}),
  (SELECT id FROM subscriptions WHERE zuora_subscription_number = ${ref}),
  (SELECT id FROM subscriptions WHERE stripe_subscription_id = ${ref}),
  (SELECT id FROM subscriptions WHERE zuora_subscription_id = ${ref} LIMIT 1))`;
const ANY_ID = `s.id = ${platformIdOf(':ref')}`;

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

/** {@link findSubscriptionByAnyId} for many refs in one round trip: the platform id each names. */
export async function resolveSubscriptionIds(
  manager: EntityManager,
  refs: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(refs)];
  if (unique.length === 0) return new Map();
  const rows: { ref: string; id: string | null }[] = await manager.query(
    `SELECT r.ref, ${platformIdOf('r.ref')} AS id FROM unnest($1::text[]) AS r(ref)`,
    [unique],
  );
  return new Map(rows.flatMap((row) => (row.id === null ? [] : [[row.ref, row.id] as const])));
}
