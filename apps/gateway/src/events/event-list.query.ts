import { BadRequestException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { unsafeTextReason } from '../http/input-boundary';
import { parsePageLimit } from '../http/page-limit';
import { EVENT_STATUSES, EVENT_TYPES, providerSchema } from '@subsync/domain';
import { findSubscriptionByAnyId, SyncEventEntity } from '@subsync/persistence';
import { type EventView, toEventView } from './event.view';

export interface EventFilters {
  subscription?: string;
  type?: string;
  status?: string;
  provider?: string;
  /** A backfill job's id: only the Events that job queued. */
  backfill?: string;
  from?: string;
  to?: string;
  limit?: string;
  cursor?: string;
}

export const EVENT_PROVIDERS = providerSchema.options;

/**
 * Newest first, paged by an opaque cursor over (created_at, id): an Event is placed by when it
 * was created, so Events arriving meanwhile never shift or repeat the pages after a cursor.
 */
@Injectable()
export class EventListQuery {
  constructor(private readonly dataSource: DataSource) {}

  async list(filters: EventFilters): Promise<{ data: EventView[]; nextCursor: string | null }> {
    const limit = parsePageLimit(filters.limit);
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
    if (filters.type !== undefined)
      query.andWhere('e.type = :type', { type: oneOf('type', filters.type, EVENT_TYPES) });
    if (filters.status !== undefined) {
      const status = oneOf('status', filters.status, EVENT_STATUSES);
      query.andWhere('e.status = :status', { status });
    }
    if (filters.provider !== undefined) {
      const provider = oneOf('provider', filters.provider, EVENT_PROVIDERS);
      query.andWhere('e.provider = :provider', { provider });
    }
    if (filters.backfill !== undefined) {
      query.andWhere('e.backfill_id = :backfill', { backfill: backfillId(filters.backfill) });
    }
    const from = filters.from === undefined ? undefined : parseInstant('from', filters.from);
    const to = filters.to === undefined ? undefined : parseInstant('to', filters.to);
    if (from !== undefined && to !== undefined && from >= to) {
      throw new BadRequestException(
        `from must be before to (got ${filters.from} and ${filters.to})`,
      );
    }
    if (from !== undefined) query.andWhere('e.created_at >= :from', { from });
    if (to !== undefined) query.andWhere('e.created_at < :to', { to });
    if (filters.cursor !== undefined) {
      const { createdAt, id } = decodeCursor(filters.cursor);
      query.andWhere('(e.created_at, e.id) < (:createdAt, :id)', { createdAt, id });
    }
    const rows = await query.getMany();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      data: page.map(toEventView),
      nextCursor: rows.length > limit && last !== undefined ? encodeCursor(last) : null,
    };
  }

  private async idsOf(subscription: string): Promise<string[]> {
    const found = await findSubscriptionByAnyId(this.dataSource.manager, subscription);
    if (found === null) return [subscription];
    const ids = [
      subscription,
      found.id,
      found.reference,
      found.zuoraSubscriptionNumber,
      found.zuoraSubscriptionId,
      found.stripeSubscriptionId,
    ];
    return [...new Set(ids.filter((id): id is string => id !== null))];
  }
}

function oneOf(name: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value))
    throw new BadRequestException(`${name} must be one of ${allowed.join(', ')} (got '${value}')`);
  return value;
}

const BACKFILL_ID = /^backfill-[0-9a-f]{32}$/;

function backfillId(value: string): string {
  if (!BACKFILL_ID.test(value)) {
    throw new BadRequestException(
      `backfill must be a backfill job id, backfill-<32 hex digits> (got '${value.slice(0, 80)}')`,
    );
  }
  return value;
}

// An instant with a date, a time and a zone, so "from" means the same moment to every caller.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function parseInstant(name: string, raw: string): Date {
  const at = new Date(raw);
  if (!INSTANT.test(raw) || Number.isNaN(at.getTime())) {
    throw new BadRequestException(
      `${name} must be an ISO-8601 instant with a zone, e.g. 2026-11-20T09:00:00Z (got '${raw.slice(0, 80)}')`,
    );
  }
  return at;
}

function encodeCursor(event: SyncEventEntity): string {
  return Buffer.from(`${event.createdAt.toISOString()}|${event.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  // Only instants PostgreSQL can compare with, and an id that can go on to a query.
  const year = createdAt.getUTCFullYear();
  if (
    id === undefined ||
    !id.startsWith('event-') ||
    unsafeTextReason(id) !== null ||
    Number.isNaN(createdAt.getTime()) ||
    year < 1 ||
    year > 9999
  ) {
    throw new BadRequestException('cursor is not one this API returned');
  }
  return { createdAt, id };
}
