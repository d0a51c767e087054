import { type DataSource, In } from 'typeorm';
import { SubscriptionReferenceEntity } from '../entities/subscription-reference.entity';
import { SyncEventEntity } from '../entities/sync-event.entity';
import { findSubscriptionByAnyId } from '../repositories/subscription-lookup';

/** Filters of the Events log, already checked. */
export interface EventListFilters {
  /** Any id of the subscription. */
  subscription?: string;
  type?: string;
  status?: string;
  provider?: string;
  /** A backfill job's id: only the Events that job queued. */
  backfill?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** The last Event of the previous page. */
  after?: { createdAt: Date; id: string };
  limit: number;
}

export interface EventListQuery {
  /** Up to `limit` Events newest first; `more` when another page follows. */
  list(filters: EventListFilters): Promise<{ events: SyncEventEntity[]; more: boolean }>;
}

/**
 * Newest first, paged over (created_at, id): an Event is placed by when it was created, so
 * Events arriving meanwhile never shift or repeat the pages after a cursor.
 */
export class EventListQueryTypeOrm implements EventListQuery {
  constructor(private readonly dataSource: DataSource) {}

  async list(filters: EventListFilters): Promise<{ events: SyncEventEntity[]; more: boolean }> {
    const { limit } = filters;
    const query = this.dataSource
      .getRepository(SyncEventEntity)
      .createQueryBuilder('e')
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(limit + 1);
    const subscription = filters.subscription?.trim();
    if (subscription !== undefined && subscription !== '') {
      // Any id of the subscription finds its Events, including failed ones that never matched it.
      const ids = await this.idsOf(subscription);
      query.andWhere('(e.subscription_id IN (:...ids) OR e.ref IN (:...ids))', { ids });
    }
    const { type, status, provider, backfill, from, to, after } = filters;
    if (type !== undefined) query.andWhere('e.type = :type', { type });
    if (status !== undefined) query.andWhere('e.status = :status', { status });
    if (provider !== undefined) query.andWhere('e.provider = :provider', { provider });
    if (backfill !== undefined) query.andWhere('e.backfill_id = :backfill', { backfill });
    if (from !== undefined) query.andWhere('e.created_at >= :from', { from });
    if (to !== undefined) query.andWhere('e.created_at < :to', { to });
    if (after !== undefined) {
      const { createdAt, id } = after;
      query.andWhere('(e.created_at, e.id) < (:createdAt, :id)', { createdAt, id });
    }
    const rows = await query.getMany();
    return { events: rows.slice(0, limit), more: rows.length > limit };
  }

  private async idsOf(subscription: string): Promise<string[]> {
    const manager = this.dataSource.manager;
    const found = await findSubscriptionByAnyId(manager, subscription);
    if (found === null) return [subscription];
    const upstream = await manager.getRepository(SubscriptionReferenceEntity).find({
      where: { subscriptionId: found.id, kind: In(['subscription', 'subscription-alias']) },
    });
    const ids = [subscription, found.id, found.reference, ...upstream.map((r) => r.value)];
    return [...new Set(ids)];
  }
}
