import type { EntityManager } from 'typeorm';
import { newPlatformId, type SubscriptionTerms } from '@subsync/domain';
import { SubscriptionEntity } from '../entities/subscription.entity';
import type { Owner } from './owner.repository';

type UpstreamColumns = Partial<
  Pick<
    SubscriptionEntity,
    'zuoraSubscriptionId' | 'zuoraAccountNumber' | 'zuoraVersion' | 'stripeCustomerId'
  >
>;
type UpstreamKey = Partial<
  Pick<SubscriptionEntity, 'zuoraSubscriptionNumber' | 'stripeSubscriptionId'>
>;

export interface SyncedSubscriptionWrite {
  terms: SubscriptionTerms;
  /** When the sync's transaction began, on the database's clock: later syncs compare against it. */
  syncedAt: Date;
  /** Provider columns refreshed by every sync (ids, versions). */
  upstream: UpstreamColumns;
  /** What an import sets once: the reference, the provider and its key, and the owner. */
  onImport: {
    reference: string;
    source: SubscriptionEntity['source'];
    owner: Owner;
    key: UpstreamKey;
  };
}

/**
 * Writes a synced subscription's own row: updated in place when it exists, otherwise imported
 * (marked `imported`, so commerce actions refuse it). Returns the platform id.
 */
export async function saveSyncedSubscription(
  manager: EntityManager,
  existing: SubscriptionEntity | null,
  write: SyncedSubscriptionWrite,
): Promise<string> {
  const repository = manager.getRepository(SubscriptionEntity);
  const fields = { ...write.terms, ...write.upstream, lastSyncedAt: write.syncedAt };
  if (existing !== null) {
    await repository.update({ id: existing.id }, fields);
    return existing.id;
  }
  const id = newPlatformId('sub');
  const { reference, source, owner, key } = write.onImport;
  await repository.insert({
    ...fields,
    ...key,
    id,
    reference,
    source,
    imported: true,
    ownerId: owner.ownerId,
    customerId: owner.customerId,
  });
  return id;
}
