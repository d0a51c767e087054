import { BadRequestException } from '@nestjs/common';
import { EVENT_STATUSES, EVENT_TYPES, providerSchema } from '@subsync/domain';
import type { EventListFilters, SyncEventEntity } from '@subsync/persistence';
import { unsafeTextReason } from '../http/input-boundary';
import { parsePageLimit } from '../http/page-limit';

/** The query of `GET /api/events`. */
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

/** The query checked, as the Events log takes it; 400 for a value it cannot take. */
export function parseEventFilters(filters: EventFilters): EventListFilters {
  const limit = parsePageLimit(filters.limit);
  const parsed: EventListFilters = { limit };
  if (filters.subscription !== undefined) parsed.subscription = filters.subscription;
  if (filters.type !== undefined) parsed.type = oneOf('type', filters.type, EVENT_TYPES);
  if (filters.status !== undefined) parsed.status = oneOf('status', filters.status, EVENT_STATUSES);
  if (filters.provider !== undefined)
    parsed.provider = oneOf('provider', filters.provider, EVENT_PROVIDERS);
  if (filters.backfill !== undefined) parsed.backfill = backfillId(filters.backfill);
  const from = filters.from === undefined ? undefined : parseInstant('from', filters.from);
  const to = filters.to === undefined ? undefined : parseInstant('to', filters.to);
  if (from !== undefined && to !== undefined && from >= to) {
    throw new BadRequestException(`from must be before to (got ${filters.from} and ${filters.to})`);
  }
  if (from !== undefined) parsed.from = from;
  if (to !== undefined) parsed.to = to;
  if (filters.cursor !== undefined) parsed.after = decodeCursor(filters.cursor);
  return parsed;
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

export function encodeCursor(event: SyncEventEntity): string {
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
