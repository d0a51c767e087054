import { BadRequestException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SyncEventEntity } from '@subsync/persistence';
import { type EventView, toEventView } from './event.view';

export interface EventFilters {
  subscription?: string;
  type?: string;
  status?: string;
  limit?: string;
  cursor?: string;
}

const TYPES = ['sync', 'hot-sync', 'callout'];
const STATUSES = ['queued', 'succeeded', 'failed', 'skipped'];

/** Newest first, paged by an opaque cursor over (created_at, id). */
@Injectable()
export class EventListQuery {
  constructor(private readonly dataSource: DataSource) {}

  async list(filters: EventFilters): Promise<{ data: EventView[]; nextCursor: string | null }> {
    const limit = parseLimit(filters.limit);
    const query = this.dataSource
      .getRepository(SyncEventEntity)
      .createQueryBuilder('e')
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .limit(limit + 1);
    if (filters.subscription !== undefined)
      query.andWhere('e.subscription_id = :sub', { sub: filters.subscription });
    if (filters.type !== undefined)
      query.andWhere('e.type = :type', { type: oneOf('type', filters.type, TYPES) });
    if (filters.status !== undefined) {
      query.andWhere('e.status = :status', { status: oneOf('status', filters.status, STATUSES) });
    }
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
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return 50;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new BadRequestException(`limit must be an integer from 1 to 200 (got '${raw}')`);
  }
  return limit;
}

function oneOf(name: string, value: string, allowed: string[]): string {
  if (!allowed.includes(value))
    throw new BadRequestException(`${name} must be one of ${allowed.join(', ')} (got '${value}')`);
  return value;
}

function encodeCursor(event: SyncEventEntity): string {
  return Buffer.from(`${event.createdAt.toISOString()}|${event.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(at ?? '');
  if (id === undefined || !id.startsWith('event-') || Number.isNaN(createdAt.getTime())) {
    throw new BadRequestException('cursor is not one this API returned');
  }
  return { createdAt, id };
}
