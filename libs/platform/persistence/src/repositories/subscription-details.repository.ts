import type { EntityManager } from 'typeorm';
import type { Address, ScheduleEntry, SubscriptionOffer } from '@subsync/domain';
import { AddressEntity } from '../entities/address.entity';
import { ScheduleEntryEntity } from '../entities/schedule-entry.entity';
import { SubscriptionOfferEntity } from '../entities/subscription-offer.entity';

// Reads the parts of a subscription that a sync rebuilds (addresses, offers, schedule) for the
// gateway's views; syncs read and write them in batches (synced-subscriptions.batch.ts).

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
