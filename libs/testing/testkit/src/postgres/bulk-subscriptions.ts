import type { SqlSession } from './statement-cost';

/** Whether bulk subscription `i` is billed by Stripe: every tenth is, the others by Zuora. */
export function isBulkStripe(i: number): boolean {
  return i % 10 === 0;
}

/** Bulk subscription `i`'s reference: its Zuora subscription number, or its Stripe id. */
export function bulkReference(i: number): string {
  return isBulkStripe(i) ? `sub_${i}` : `A-S${String(i).padStart(8, '0')}`;
}

/** Bulk subscription `i`'s billing account: a Zuora account number or a Stripe customer id. */
export function bulkAccount(i: number): string {
  return isBulkStripe(i) ? `cus_${i}` : `A${String(i).padStart(8, '0')}`;
}

/**
 * Stores subscriptions `from`..`to` (numbered, so a second call can add more) through plain SQL,
 * fast enough for tens of thousands, on a migrated database, then ANALYZEs. Each has its own
 * customer, owner identity and billing account (see the functions above), two addresses, six
 * schedule entries (three paid, three pending) and two Events. A Zuora one also has an offer and
 * two account-level cards (`zpm-<i>-1`, the default, and `zpm-<i>-2`); a Stripe one has a card
 * of its own (`pm_<i>`). Subscription `i` was created at 2026-01-01 plus `i` minutes.
 */
export async function storeBulkSubscriptions(
  db: SqlSession,
  from: number,
  to: number,
): Promise<void> {
  const range = 'generate_series($1::int, $2::int) i';
  const stripe = 'i % 10 = 0';
  const account = `CASE WHEN ${stripe} THEN 'cus_' || i ELSE 'A' || lpad(i::text, 8, '0') END`;
  const reference = `CASE WHEN ${stripe} THEN 'sub_' || i ELSE 'A-S' || lpad(i::text, 8, '0') END`;
  const service = `CASE WHEN ${stripe} THEN 'stripe' ELSE 'zuora' END`;
  const statements = [
    `INSERT INTO customers (id, name, email)
     SELECT 'cus-' || md5('cus' || i), 'Customer ' || i, 'c' || i || '@example.com' FROM ${range}`,
    `INSERT INTO customer_accounts (service, external_id, customer_id)
     SELECT ${service}, ${account}, 'cus-' || md5('cus' || i) FROM ${range}`,
    `INSERT INTO owner_identities (id, customer_id, issuer, subject)
     SELECT 'id-' || md5('id' || i), 'cus-' || md5('cus' || i), ${service}, ${account} FROM ${range}`,
    `INSERT INTO subscriptions (id, reference, status, source, term_start, term_end, auto_renew,
       owner_id, customer_id, upstream_version, created_at)
     SELECT 'sub-' || md5('sub' || i), ${reference}, 'active', ${service}, '2026-01-01',
            '2027-01-01', true, 'id-' || md5('id' || i), 'cus-' || md5('cus' || i),
            CASE WHEN NOT ${stripe} THEN 1 END,
            timestamptz '2026-01-01T00:00:00Z' + i * interval '1 minute'
       FROM ${range}`,
    `INSERT INTO subscription_references (subscription_id, provider, kind, value)
     SELECT 'sub-' || md5('sub' || i), ${service}, kind, value
       FROM ${range}, LATERAL (VALUES ('subscription', ${reference}), ('account', ${account}),
                                      ('subscription-alias', CASE WHEN NOT ${stripe}
                                                                  THEN md5('zid' || i) END))
                          AS r(kind, value)
      WHERE value IS NOT NULL`,
    `INSERT INTO addresses (id, subscription_id, type, line1, city, country)
     SELECT 'addr-' || md5(t || i), 'sub-' || md5('sub' || i), t, i || ' High Street', 'London', 'GB'
       FROM ${range}, unnest(ARRAY['billing', 'shipping']) t`,
    `INSERT INTO schedule_entries (id, subscription_id, date, amount, currency, status, description, source_key)
     SELECT 'schedule-' || md5('sch' || i || '-' || j), 'sub-' || md5('sub' || i),
            date '2026-01-01' + j * 30, 12.99, 'GBP', CASE WHEN j < 3 THEN 'paid' ELSE 'pending' END,
            'Monthly', 'C-' || i || '@' || j
       FROM ${range}, generate_series(0, 5) j`,
    `INSERT INTO subscription_offers (id, subscription_id, source_key, name, mapped, product_name,
       rate_plan_name, product_rate_plan_id)
     SELECT 'offer-' || md5('off' || i), 'sub-' || md5('sub' || i), 'RP-' || i, 'Digital', false,
            'Digital', 'Monthly', 'PRP-1'
       FROM ${range} WHERE NOT ${stripe}`,
    `INSERT INTO payment_methods (id, customer_id, subscription_id, service, external_id, brand,
       last4, exp_month, exp_year, is_default)
     SELECT 'pm-' || md5('pmz' || i || '-' || j), 'cus-' || md5('cus' || i), NULL, 'zuora',
            'zpm-' || i || '-' || j, 'visa', '4242', 12, 2030, j = 1
       FROM ${range}, generate_series(1, 2) j WHERE NOT ${stripe}
     UNION ALL
     SELECT 'pm-' || md5('pms' || i), 'cus-' || md5('cus' || i), 'sub-' || md5('sub' || i), 'stripe',
            'pm_' || i, 'mastercard', '4444', 12, 2030, true
       FROM ${range} WHERE ${stripe}`,
    `INSERT INTO events (id, type, provider, ref, trigger, status, subscription_id, created_at, completed_at)
     SELECT 'event-' || md5('ev' || i || '-' || j), 'sync', ${service}, ${reference}, 'api',
            'succeeded', 'sub-' || md5('sub' || i),
            timestamptz '2026-01-01T00:00:00Z' + i * interval '1 minute' + j * interval '1 second',
            timestamptz '2026-01-01T00:00:00Z' + i * interval '1 minute' + j * interval '2 seconds'
       FROM ${range}, generate_series(1, 2) j`,
  ];
  for (const sql of statements) await db.query(sql, [from, to]);
  await db.query('ANALYZE');
}
