import type { EntityManager } from 'typeorm';
import {
  type Address,
  newPlatformId,
  type ScheduleEntry,
  type ScheduleReconciliation,
  type SubscriptionOffer,
} from '@subsync/domain';
import { AddressEntity } from '../entities/address.entity';
import { ScheduleEntryEntity } from '../entities/schedule-entry.entity';
import { SubscriptionOfferEntity } from '../entities/subscription-offer.entity';

// Reads and writes the parts of a subscription that a sync rebuilds: addresses, offers, schedule.

export async function loadAddresses(
  manager: EntityManager,
  subscriptionId: string,
): Promise<Address[]> {
  const rows = await manager
    .getRepository(AddressEntity)
    .find({ where: { subscriptionId }, order: { type: 'ASC' } });
  return rows.map(({ type, line1, line2, city, state, postalCode, country }) => ({
    type,
    line1,
    line2,
    city,
    state,
    postalCode,
    country,
  }));
}

/** Adds or updates each address by type; a type Zuora no longer has is removed. */
export async function saveAddresses(
  manager: EntityManager,
  subscriptionId: string,
  addresses: Address[],
): Promise<void> {
  const repository = manager.getRepository(AddressEntity);
  const existing = await repository.find({ where: { subscriptionId } });
  for (const address of addresses) {
    const current = existing.find((row) => row.type === address.type);
    await repository.save({ ...address, id: current?.id ?? newPlatformId('addr'), subscriptionId });
  }
  const gone = existing.filter((row) => !addresses.some((address) => address.type === row.type));
  if (gone.length > 0) await repository.delete(gone.map((row) => row.id));
}

export async function loadOffers(
  manager: EntityManager,
  subscriptionId: string,
): Promise<SubscriptionOffer[]> {
  const rows = await manager
    .getRepository(SubscriptionOfferEntity)
    .find({ where: { subscriptionId }, order: { sourceKey: 'ASC' } });
  return rows.map((row) => ({
    sourceKey: row.sourceKey,
    name: row.name,
    offerId: row.offerId,
    mapped: row.mapped,
    // Nullable columns for providers without a catalog; Zuora offers always have them.
    productName: row.productName ?? '',
    ratePlanName: row.ratePlanName ?? '',
    productRatePlanId: row.productRatePlanId ?? '',
    start: row.start,
    end: row.end,
    charges: row.charges,
  }));
}

/** The subscription's offers become exactly `offers`, matched by their source key. */
export async function saveOffers(
  manager: EntityManager,
  subscriptionId: string,
  offers: SubscriptionOffer[],
): Promise<void> {
  const repository = manager.getRepository(SubscriptionOfferEntity);
  const existing = await repository.find({ where: { subscriptionId } });
  for (const offer of offers) {
    const current = existing.find((row) => row.sourceKey === offer.sourceKey);
    await repository.save({ ...offer, id: current?.id ?? newPlatformId('offer'), subscriptionId });
  }
  const gone = existing.filter((row) => !offers.some((offer) => offer.sourceKey === row.sourceKey));
  if (gone.length > 0) await repository.delete(gone.map((row) => row.id));
}

export async function loadSchedule(
  manager: EntityManager,
  subscriptionId: string,
): Promise<ScheduleEntry[]> {
  const rows = await manager
    .getRepository(ScheduleEntryEntity)
    .find({ where: { subscriptionId }, order: { date: 'ASC', id: 'ASC' } });
  return rows.map(({ id, sourceKey, date, amount, currency, status, description }) => ({
    id,
    sourceKey,
    date,
    amount,
    currency,
    status,
    description,
  }));
}

/**
 * Applies a schedule reconciliation. Cancellations go first: a replaced charge period may have
 * only one pending entry at a time. Entries are never deleted.
 */
export async function applySchedule(
  manager: EntityManager,
  subscriptionId: string,
  reconciliation: ScheduleReconciliation,
): Promise<void> {
  const repository = manager.getRepository(ScheduleEntryEntity);
  if (reconciliation.cancel.length > 0) {
    await repository
      .createQueryBuilder()
      .update()
      .set({ status: 'cancelled' })
      .where('id IN (:...ids) AND subscription_id = :subscriptionId', {
        ids: reconciliation.cancel,
        subscriptionId,
      })
      .execute();
  }
  for (const { id, description } of reconciliation.update) {
    await repository.update({ id, subscriptionId }, { description });
  }
  if (reconciliation.create.length > 0) {
    await repository.insert(
      reconciliation.create.map((planned) => ({
        id: newPlatformId('schedule'),
        subscriptionId,
        sourceKey: planned.sourceKey,
        date: planned.date,
        amount: planned.amount,
        currency: planned.currency,
        description: planned.description,
        status: planned.status ?? ('pending' as const),
      })),
    );
  }
}
