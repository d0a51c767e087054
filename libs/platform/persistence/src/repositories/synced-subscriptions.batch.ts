import type { EntityManager } from 'typeorm';
import {
  type Address,
  type CustomerContact,
  type LocalSubscription,
  newPlatformId,
  type Provider,
  type SubscriptionOffer,
  type SubscriptionStatus,
} from '@subsync/domain';
import type { AccountService } from '../entities/customer-account.entity';
import type { SyncedSubscriptionWrite } from '../ports/sync-store.port';
import type { Owner } from './owner.repository';
import type { Statement } from './statement';

const statement = (sql: string, parameters: unknown[]): Statement => ({ sql, parameters });

// What syncs read and write, for many subscriptions at once: a handful of statements for a whole
// batch of syncs instead of a few dozen for each. One transaction applies a batch (see libs/sync).

/** A stored subscription as a sync finds it: its row, and the state the reconcilers compare against. */
export interface StoredSubscription {
  id: string;
  ownerId: string;
  customerId: string;
  /** The upstream version last applied, for a provider that versions subscriptions. */
  version: number | null;
  /** When the last sync applied to it committed (the database's clock). */
  lastSyncedAt: Date | null;
  local: LocalSubscription;
}

interface StoredRow {
  key: string;
  id: string;
  owner_id: string;
  customer_id: string;
  upstream_version: number | null;
  last_synced_at: Date | null;
  status: SubscriptionStatus;
  term_start: string | null;
  term_end: string | null;
  auto_renew: boolean;
  customer_name: string | null;
  customer_email: string | null;
  addresses: Address[];
  offers: SubscriptionOffer[];
  schedule: LocalSubscription['schedule'];
}

/**
 * Locks the stored subscriptions of `provider` with these keys there (in id order, so concurrent
 * batches lock alike) and reads each one's state with its customer, addresses, offers and
 * schedule, in one statement. Keys with no stored subscription are absent from the result.
 */
export async function lockStoredSubscriptions(
  manager: EntityManager,
  provider: Provider,
  keys: readonly string[],
): Promise<Map<string, StoredSubscription>> {
  if (keys.length === 0) return new Map();
  const rows: StoredRow[] = await manager.query(
    `SELECT r.value AS key, s.id, s.owner_id, s.customer_id, s.upstream_version,
            s.last_synced_at, s.status, s.term_start::text AS term_start,
            s.term_end::text AS term_end, s.auto_renew,
            c.name AS customer_name, c.email AS customer_email,
            COALESCE((SELECT json_agg(json_build_object(
                'type', a.type, 'line1', a.line1, 'line2', a.line2, 'city', a.city,
                'state', a.state, 'postalCode', a.postal_code, 'country', a.country)
                ORDER BY a.type)
              FROM addresses a WHERE a.subscription_id = s.id), '[]') AS addresses,
            COALESCE((SELECT json_agg(json_build_object(
                'sourceKey', o.source_key, 'name', o.name, 'offerId', o.offer_id,
                'mapped', o.mapped, 'productName', COALESCE(o.product_name, ''),
                'ratePlanName', COALESCE(o.rate_plan_name, ''),
                'productRatePlanId', COALESCE(o.product_rate_plan_id, ''),
                'start', o.start_date, 'end', o.end_date, 'charges', o.charges)
                ORDER BY o.source_key)
              FROM subscription_offers o WHERE o.subscription_id = s.id), '[]') AS offers,
            COALESCE((SELECT json_agg(json_build_object(
                'id', e.id, 'sourceKey', e.source_key, 'date', e.date,
                'amount', e.amount::text, 'currency', e.currency, 'status', e.status,
                'description', e.description)
                ORDER BY e.date, e.id)
              FROM schedule_entries e WHERE e.subscription_id = s.id), '[]') AS schedule
       FROM subscription_references r
       JOIN subscriptions s ON s.id = r.subscription_id
       JOIN customers c ON c.id = s.customer_id
      WHERE r.provider = $1 AND r.kind = 'subscription' AND r.value = ANY($2)
      ORDER BY s.id
        FOR UPDATE OF s`,
    [provider, keys],
  );
  return new Map(
    rows.map((row) => [
      row.key,
      {
        id: row.id,
        ownerId: row.owner_id,
        customerId: row.customer_id,
        version: row.upstream_version,
        lastSyncedAt: row.last_synced_at,
        local: {
          terms: {
            status: row.status,
            termStart: row.term_start,
            termEnd: row.term_end,
            autoRenew: row.auto_renew,
          },
          customer: { name: row.customer_name, email: row.customer_email },
          addresses: row.addresses,
          offers: row.offers,
          schedule: row.schedule,
        },
      },
    ]),
  );
}

/**
 * The customer and owner identity behind each billing account (a Zuora account number, a Stripe
 * customer id), for many accounts at once. The ones seen for the first time are made up here,
 * with the given contact, and `inserts` writes them: the caller runs those before anything that
 * refers to the new rows.
 */
export async function findOrPlanOwners(
  manager: EntityManager,
  service: Provider,
  accounts: readonly { id: string; contact: CustomerContact }[],
): Promise<{ owners: Map<string, Owner>; inserts: Statement[] }> {
  const ids = [...new Set(accounts.map((account) => account.id))];
  const owners = new Map<string, Owner>();
  const inserts: Statement[] = [];
  if (ids.length === 0) return { owners, inserts };
  // Both reads at once (one round trip; the pool's connections pipeline): an account seen for
  // the first time needs the second, and most accounts asked about here are.
  const [known, linked] = await Promise.all([
    manager.query<{ subject: string; id: string; customer_id: string }[]>(
      `SELECT subject, id, customer_id FROM owner_identities WHERE issuer = $1 AND subject = ANY($2)`,
      [service, ids],
    ),
    // A customer already linked to the account (through another system) gets the owner identity.
    manager.query<{ external_id: string; customer_id: string }[]>(
      `SELECT external_id, customer_id FROM customer_accounts WHERE service = $1 AND external_id = ANY($2)`,
      [service, ids],
    ),
  ]);
  for (const row of known)
    owners.set(row.subject, { ownerId: row.id, customerId: row.customer_id });
  const missing = ids.filter((id) => !owners.has(id));
  if (missing.length === 0) return { owners, inserts };
  const customerOf = new Map(linked.map((row) => [row.external_id, row.customer_id]));
  const contactOf = new Map(accounts.map((account) => [account.id, account.contact]));
  const created = missing.filter((id) => !customerOf.has(id));
  for (const id of created) customerOf.set(id, newPlatformId('cus'));
  if (created.length > 0) {
    inserts.push({
      sql: `INSERT INTO customers (id, name, email)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
      parameters: [
        created.map((id) => customerOf.get(id)),
        created.map((id) => contactOf.get(id)?.name ?? null),
        created.map((id) => contactOf.get(id)?.email ?? null),
      ],
    });
  }
  const createdNow = new Set(created);
  for (const id of missing) {
    owners.set(id, {
      ownerId: newPlatformId('id'),
      customerId: customerOf.get(id)!,
      ...(createdNow.has(id) ? { customerCreated: true as const } : {}),
    });
  }
  inserts.push({
    sql: `INSERT INTO owner_identities (id, customer_id, issuer, subject)
          SELECT id, customer_id, $1, subject FROM unnest($2::text[], $3::text[], $4::text[])
            AS o(id, customer_id, subject)`,
    parameters: [
      service,
      missing.map((id) => owners.get(id)!.ownerId),
      missing.map((id) => owners.get(id)!.customerId),
      missing,
    ],
  });
  return { owners, inserts };
}

/** Gives customers their contact from upstream; rows already holding it are not rewritten. */
export function customerContactsUpdate(
  contacts: readonly { customerId: string; contact: CustomerContact }[],
): Statement | null {
  if (contacts.length === 0) return null;
  return statement(
    `UPDATE customers c SET name = v.name, email = v.email, updated_at = now()
       FROM unnest($1::text[], $2::text[], $3::text[]) AS v(id, name, email)
      WHERE c.id = v.id AND (c.name IS DISTINCT FROM v.name OR c.email IS DISTINCT FROM v.email)`,
    [
      contacts.map((row) => row.customerId),
      contacts.map((row) => row.contact.name),
      contacts.map((row) => row.contact.email),
    ],
  );
}

/** Records customers' accounts in other systems; ones already recorded are left as they are. */
export function accountLinksInsert(
  links: readonly { customerId: string; service: AccountService; id: string }[],
): Statement | null {
  if (links.length === 0) return null;
  return statement(
    `INSERT INTO customer_accounts (service, external_id, customer_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
     ON CONFLICT (service, external_id) DO NOTHING`,
    [
      links.map((link) => link.service),
      links.map((link) => link.id),
      links.map((link) => link.customerId),
    ],
  );
}

/**
 * The statements that write synced subscriptions, to run in this order: rows updated in place or
 * imported (marked `imported`, so commerce actions refuse them), addresses and offers made
 * exactly what is given (matched by type and by source key), and schedule reconciliations
 * applied, cancellations first (a replaced charge period may have one pending entry at a time).
 * Entries are never deleted.
 */
export function syncedSubscriptionWrites(
  provider: Provider,
  writes: readonly SyncedSubscriptionWrite[],
): Statement[] {
  const statements: Statement[] = [];
  const imports = writes.filter((write) => write.import !== undefined);
  const updates = writes.filter((write) => write.import === undefined);
  if (updates.length > 0) {
    statements.push(
      statement(
        `UPDATE subscriptions s SET status = v.status, term_start = v.term_start,
              term_end = v.term_end, auto_renew = v.auto_renew, last_synced_at = v.synced_at,
              upstream_version = COALESCE(v.upstream_version, s.upstream_version),
              updated_at = now()
         FROM unnest($1::text[], $2::text[], $3::date[], $4::date[], $5::boolean[],
                     $6::timestamptz[], $7::int[])
           AS v(id, status, term_start, term_end, auto_renew, synced_at, upstream_version)
        WHERE s.id = v.id`,
        [
          updates.map((w) => w.id),
          updates.map((w) => w.terms.status),
          updates.map((w) => w.terms.termStart),
          updates.map((w) => w.terms.termEnd),
          updates.map((w) => w.terms.autoRenew),
          updates.map((w) => w.syncedAt),
          updates.map((w) => w.version ?? null),
        ],
      ),
    );
  }
  if (imports.length > 0) {
    statements.push(
      statement(
        `INSERT INTO subscriptions (id, reference, status, source, term_start, term_end, auto_renew,
              owner_id, customer_id, imported, upstream_version, last_synced_at)
       SELECT id, reference, status, $1, term_start, term_end, auto_renew, owner_id,
              customer_id, true, upstream_version, synced_at
         FROM unnest($2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::boolean[],
                     $8::text[], $9::text[], $10::int[], $11::timestamptz[])
           AS v(id, reference, status, term_start, term_end, auto_renew, owner_id, customer_id,
                upstream_version, synced_at)`,
        [
          provider,
          imports.map((w) => w.id),
          imports.map((w) => w.import!.reference),
          imports.map((w) => w.terms.status),
          imports.map((w) => w.terms.termStart),
          imports.map((w) => w.terms.termEnd),
          imports.map((w) => w.terms.autoRenew),
          imports.map((w) => w.import!.owner.ownerId),
          imports.map((w) => w.import!.owner.customerId),
          imports.map((w) => w.version ?? null),
          imports.map((w) => w.syncedAt),
        ],
      ),
    );
  }
  return [
    ...statements,
    ...referenceWrites(provider, writes),
    ...addressWrites(writes),
    ...offerWrites(writes),
    ...scheduleWrites(writes),
  ];
}

/**
 * Records the references the writes carry (an import's key among them): new ones are added, and
 * one whose value changed upstream is replaced. Unchanged ones are left out before the insert:
 * ON CONFLICT DO UPDATE would lock (and so write) each conflicting row even to change nothing,
 * and a refresh usually changes none.
 */
function referenceWrites(
  provider: Provider,
  writes: readonly SyncedSubscriptionWrite[],
): Statement[] {
  const statements: Statement[] = [];
  const rows = writes.flatMap((write) => [
    ...(write.import === undefined
      ? []
      : [{ id: write.id, kind: 'subscription', value: write.import.key }]),
    ...write.references.map((reference) => ({ id: write.id, ...reference })),
  ]);
  if (rows.length === 0) return statements;
  statements.push(
    statement(
      `INSERT INTO subscription_references (subscription_id, provider, kind, value)
     SELECT v.id, $1, v.kind, v.value
       FROM unnest($2::text[], $3::text[], $4::text[]) AS v(id, kind, value)
      WHERE NOT EXISTS (SELECT 1 FROM subscription_references r
                         WHERE r.subscription_id = v.id AND r.provider = $1
                           AND r.kind = v.kind AND r.value = v.value)
     ON CONFLICT (subscription_id, provider, kind) DO UPDATE SET value = EXCLUDED.value`,
      [
        provider,
        rows.map((row) => row.id),
        rows.map((row) => row.kind),
        rows.map((row) => row.value),
      ],
    ),
  );
  return statements;
}

function addressWrites(writes: readonly SyncedSubscriptionWrite[]): Statement[] {
  const statements: Statement[] = [];
  const changed = writes.filter((write) => write.addresses !== undefined);
  if (changed.length === 0) return statements;
  const rows = changed.flatMap((write) =>
    write.addresses!.map((address) => ({ subscriptionId: write.id, ...address })),
  );
  // An imported subscription has no rows yet: only stored ones can have addresses to drop.
  const stored = changed.filter((write) => write.import === undefined).map((write) => write.id);
  if (stored.length > 0) {
    statements.push(
      statement(
        `DELETE FROM addresses
        WHERE subscription_id = ANY($1::text[]) AND NOT (subscription_id || ' ' || type = ANY($2))`,
        [stored, rows.map((row) => `${row.subscriptionId} ${row.type}`)],
      ),
    );
  }
  if (rows.length === 0) return statements;
  statements.push(
    statement(
      `INSERT INTO addresses (id, subscription_id, type, line1, line2, city, state, postal_code, country)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                          $7::text[], $8::text[], $9::text[])
     ON CONFLICT (subscription_id, type) DO UPDATE SET line1 = EXCLUDED.line1,
       line2 = EXCLUDED.line2, city = EXCLUDED.city, state = EXCLUDED.state,
       postal_code = EXCLUDED.postal_code, country = EXCLUDED.country`,
      [
        rows.map(() => newPlatformId('addr')),
        rows.map((row) => row.subscriptionId),
        rows.map((row) => row.type),
        rows.map((row) => row.line1),
        rows.map((row) => row.line2),
        rows.map((row) => row.city),
        rows.map((row) => row.state),
        rows.map((row) => row.postalCode),
        rows.map((row) => row.country),
      ],
    ),
  );
  return statements;
}

function offerWrites(writes: readonly SyncedSubscriptionWrite[]): Statement[] {
  const statements: Statement[] = [];
  const changed = writes.filter((write) => write.offers !== undefined);
  if (changed.length === 0) return statements;
  const rows = changed.flatMap((write) =>
    write.offers!.map((offer) => ({ subscriptionId: write.id, ...offer })),
  );
  const stored = changed.filter((write) => write.import === undefined).map((write) => write.id);
  if (stored.length > 0) {
    statements.push(
      statement(
        `DELETE FROM subscription_offers
        WHERE subscription_id = ANY($1::text[])
          AND NOT (subscription_id || ' ' || source_key = ANY($2))`,
        [stored, rows.map((row) => `${row.subscriptionId} ${row.sourceKey}`)],
      ),
    );
  }
  if (rows.length === 0) return statements;
  // The rows as one JSON parameter, as completeEventsStatement does and for the same reason: the driver's
  // array literals are costly to build, and `charges` would be escaped twice.
  statements.push(
    statement(
      `INSERT INTO subscription_offers (id, subscription_id, source_key, name, offer_id, mapped,
            product_name, rate_plan_name, product_rate_plan_id, charges, start_date, end_date)
     SELECT * FROM json_to_recordset($1::json)
       AS v(id text, subscription_id text, source_key text, name text, offer_id text,
            mapped boolean, product_name text, rate_plan_name text, product_rate_plan_id text,
            charges jsonb, start_date date, end_date date)
     ON CONFLICT (subscription_id, source_key) DO UPDATE SET name = EXCLUDED.name,
       offer_id = EXCLUDED.offer_id, mapped = EXCLUDED.mapped,
       product_name = EXCLUDED.product_name, rate_plan_name = EXCLUDED.rate_plan_name,
       product_rate_plan_id = EXCLUDED.product_rate_plan_id, charges = EXCLUDED.charges,
       start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date`,
      [
        JSON.stringify(
          rows.map((row) => ({
            id: newPlatformId('offer'),
            subscription_id: row.subscriptionId,
            source_key: row.sourceKey,
            name: row.name,
            offer_id: row.offerId,
            mapped: row.mapped,
            product_name: row.productName,
            rate_plan_name: row.ratePlanName,
            product_rate_plan_id: row.productRatePlanId,
            charges: row.charges,
            start_date: row.start,
            end_date: row.end,
          })),
        ),
      ],
    ),
  );
  return statements;
}

function scheduleWrites(writes: readonly SyncedSubscriptionWrite[]): Statement[] {
  const statements: Statement[] = [];
  const cancel = writes.flatMap((write) =>
    write.schedule.cancel.map((id) => ({ id, subscriptionId: write.id })),
  );
  if (cancel.length > 0) {
    statements.push(
      statement(
        `UPDATE schedule_entries e SET status = 'cancelled'
         FROM unnest($1::text[], $2::text[]) AS v(id, subscription_id)
        WHERE e.id = v.id AND e.subscription_id = v.subscription_id`,
        [cancel.map((row) => row.id), cancel.map((row) => row.subscriptionId)],
      ),
    );
  }
  const update = writes.flatMap((write) =>
    write.schedule.update.map((row) => ({ ...row, subscriptionId: write.id })),
  );
  if (update.length > 0) {
    statements.push(
      statement(
        `UPDATE schedule_entries e SET description = v.description
         FROM unnest($1::text[], $2::text[], $3::text[]) AS v(id, subscription_id, description)
        WHERE e.id = v.id AND e.subscription_id = v.subscription_id`,
        [
          update.map((row) => row.id),
          update.map((row) => row.subscriptionId),
          update.map((row) => row.description),
        ],
      ),
    );
  }
  const create = writes.flatMap((write) =>
    write.schedule.create.map((planned) => ({ ...planned, subscriptionId: write.id })),
  );
  if (create.length > 0) {
    // The most rows a sync writes (a dozen or more per subscription): one JSON parameter.
    statements.push(
      statement(
        `INSERT INTO schedule_entries (id, subscription_id, source_key, date, amount, currency,
              description, status)
       SELECT * FROM json_to_recordset($1::json)
         AS v(id text, subscription_id text, source_key text, date date, amount numeric,
              currency text, description text, status text)`,
        [
          JSON.stringify(
            create.map((row) => ({
              id: newPlatformId('schedule'),
              subscription_id: row.subscriptionId,
              source_key: row.sourceKey,
              date: row.date,
              // A decimal string: numeric reads it exactly, as it did the array element.
              amount: row.amount,
              currency: row.currency,
              description: row.description,
              status: row.status ?? 'pending',
            })),
          ),
        ],
      ),
    );
  }
  return statements;
}
