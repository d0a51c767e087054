import type { DataSource } from 'typeorm';
import type { Provider, SubscriptionStatus } from '@subsync/domain';

/** One row of the subscription list: the read model's headline fields. */
export interface SubscriptionSummary {
  id: string;
  reference: string;
  status: SubscriptionStatus;
  source: Provider;
  termStart: string | null;
  termEnd: string | null;
  customer: { name: string | null; email: string | null } | null;
  lastSyncedAt: string | null;
}

export interface SubscriptionListFilters {
  /** Already trimmed; matched anywhere in the ids, reference and customer. */
  search?: string;
  limit: number;
  /** The last id of the previous page. */
  cursor?: string;
}

export interface SubscriptionListQuery {
  /** Null when the cursor names no subscription. */
  list(
    filters: SubscriptionListFilters,
  ): Promise<{ data: SubscriptionSummary[]; nextCursor: string | null } | null>;
}

interface Row {
  id: string;
  reference: string;
  status: SubscriptionStatus;
  source: Provider;
  term_start: string | null;
  term_end: string | null;
  customer_name: string | null;
  customer_email: string | null;
  has_customer: boolean;
  last_synced_at: Date | null;
}

/**
 * Subscriptions newest first, optionally narrowed by a search over their ids, reference and
 * customer. The cursor is the last id shown; its position is looked up, so pages hold still
 * while other subscriptions are imported or synced.
 */
export class SubscriptionListQueryTypeOrm implements SubscriptionListQuery {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    filters: SubscriptionListFilters,
  ): Promise<{ data: SubscriptionSummary[]; nextCursor: string | null } | null> {
    const { limit } = filters;
    const params: unknown[] = [];
    const where: string[] = [];
    const search = filters.search ?? '';
    if (search !== '') {
      params.push(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const p = `$${params.length}`;
      where.push(`(s.id ILIKE ${p} OR s.reference ILIKE ${p} OR c.name ILIKE ${p}
        OR c.email ILIKE ${p} OR EXISTS (SELECT 1 FROM subscription_references r
          WHERE r.subscription_id = s.id AND r.kind = 'subscription' AND r.value ILIKE ${p}))`);
    }
    if (filters.cursor !== undefined) {
      params.push(filters.cursor);
      const p = `$${params.length}`;
      const known: unknown[] = await this.dataSource.query(
        'SELECT 1 FROM subscriptions WHERE id = $1',
        [filters.cursor],
      );
      if (known.length === 0) return null;
      where.push(
        `(s.created_at, s.id) < (SELECT created_at, id FROM subscriptions WHERE id = ${p})`,
      );
    }
    params.push(limit + 1);
    const rows: Row[] = await this.dataSource.query(
      `SELECT s.id, s.reference, s.status, s.source, s.term_start::text AS term_start,
              s.term_end::text AS term_end, s.last_synced_at, c.name AS customer_name,
              c.email AS customer_email, c.id IS NOT NULL AS has_customer
         FROM subscriptions s LEFT JOIN customers c ON c.id = s.customer_id
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY s.created_at DESC, s.id DESC
        LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    return {
      data: page.map(toSummary),
      nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
    };
  }
}

function toSummary(row: Row): SubscriptionSummary {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    source: row.source,
    termStart: row.term_start,
    termEnd: row.term_end,
    customer: row.has_customer ? { name: row.customer_name, email: row.customer_email } : null,
    lastSyncedAt: row.last_synced_at?.toISOString() ?? null,
  };
}
