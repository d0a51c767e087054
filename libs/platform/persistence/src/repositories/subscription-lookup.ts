import type { Provider } from '@subsync/domain';
import type { EntityManager } from 'typeorm';
import { SubscriptionEntity } from '../entities/subscription.entity';

// One index lookup per kind of id, tried in this order until one matches: an exact platform id
// wins over a reference that happens to look the same, and a provider's key over another id of a
// subscription (an account reference names no one subscription). COALESCE runs a lookup only when
// the ones before it found nothing, and no OR across columns is left for the planner to get wrong.
const platformIdOf = (ref: string): string => `COALESCE(
  (SELECT id FROM subscriptions WHERE id = ${ref}),
  (SELECT id FROM subscriptions WHERE reference = ${ref}),
  (SELECT subscription_id FROM subscription_references
    WHERE value = ${ref} AND kind IN ('subscription', 'subscription-alias')
    ORDER BY kind <> 'subscription', subscription_id LIMIT 1))`;
const ANY_ID = `s.id = ${platformIdOf(':ref')}`;

/**
 * Finds a subscription by any id a caller may use: the platform id (`sub-…`), its reference, or
 * an id of it upstream (a Zuora subscription number or id, a Stripe subscription id).
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

/** A stored subscription as a sync request names it: enough to route and fetch it. */
export interface SubscriptionRef {
  id: string;
  source: Provider;
  ownerId: string;
  /**
   * The subscription's key in the provider that bills it (a Zuora subscription number, a Stripe
   * subscription id); null for one its provider has not keyed.
   */
  key: string | null;
}

// A subscription's key in the provider that bills it, joined to `s`.
const KEY_OF_S = `LEFT JOIN subscription_references k ON k.subscription_id = s.id
                   AND k.provider = s.source AND k.kind = 'subscription'`;

/** The subscription any id names, as a sync request names it; null when none matches. */
export async function findSubscriptionRef(
  manager: EntityManager,
  ref: string,
): Promise<SubscriptionRef | null> {
  const [row]: { id: string; source: Provider; owner_id: string; key: string | null }[] =
    await manager.query(
      `SELECT s.id, s.source, s.owner_id, k.value AS key FROM subscriptions s ${KEY_OF_S}
        WHERE s.id = ${platformIdOf('$1')}`,
      [ref],
    );
  return row === undefined
    ? null
    : { id: row.id, source: row.source, ownerId: row.owner_id, key: row.key };
}

export interface SyncRequestLookup {
  /** The database's clock while it looked. */
  checkedAt: Date;
  /** The ids among `messageIds` that `consumer` processed already. */
  processed: Set<string>;
  /** The stored subscription each ref names, for the refs that name one. */
  subscriptions: Map<string, SubscriptionRef>;
}

/**
 * What a consumer needs to know about sync requests before it runs them, in one round trip:
 * the subscriptions their refs name, which of them it processed already, and the clock.
 */
export async function lookupSyncRequests(
  manager: EntityManager,
  consumer: string,
  refs: readonly string[],
  messageIds: readonly string[],
): Promise<SyncRequestLookup> {
  const [row]: {
    checked_at: Date;
    processed: string[];
    subscriptions: {
      ref: string;
      id: string;
      source: Provider;
      owner_id: string;
      key: string | null;
    }[];
  }[] = await manager.query(
    `SELECT clock_timestamp() AS checked_at,
            ARRAY(SELECT message_id::text FROM inbox
                   WHERE consumer = $1 AND message_id = ANY($3::uuid[])) AS processed,
            COALESCE((SELECT json_agg(json_build_object('ref', r.ref, 'id', s.id,
                        'source', s.source, 'owner_id', s.owner_id,
                        'key', k.value))
                        FROM unnest($2::text[]) AS r(ref)
                        JOIN subscriptions s ON s.id = ${platformIdOf('r.ref')}
                        ${KEY_OF_S}), '[]')
              AS subscriptions`,
    [consumer, [...new Set(refs)], messageIds],
  );
  return {
    checkedAt: row!.checked_at,
    processed: new Set(row!.processed),
    subscriptions: new Map(
      row!.subscriptions.map((s) => [
        s.ref,
        {
          id: s.id,
          source: s.source,
          ownerId: s.owner_id,
          key: s.key,
        },
      ]),
    ),
  };
}
