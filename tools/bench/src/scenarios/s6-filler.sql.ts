// Filler rows for S6: subscriptions the platform imported from Zuora long ago, written with SQL
// so that a hundred thousand take seconds. Their numbers (A-S8…, accounts A8…) are outside the
// sandbox's bulk range, so no sync touches them; they are there for the tables to be that big.
// The shapes follow libs/platform/persistence/src/migrations. Each statement takes $1 (first index) and
// $2 (last index); ids end in the index in hex after an `f`, so they cannot meet random ones.

const id = (prefix: string, expression: string): string =>
  `'${prefix}-f' || lpad(to_hex(${expression}), 31, '0')`;
const account = `'A8' || lpad(i::text, 7, '0')`;
const number = `'A-S8' || lpad(i::text, 7, '0')`;
const termStart = `(current_date - ((i % 12) || ' months')::interval)::date`;
const series = `generate_series($1::int, $2::int) AS i`;

/**
 * One customer, owner identity, Zuora account link and subscription per index, with two
 * addresses, twelve monthly schedule entries, one offer, three past sync Events with the inbox
 * rows of their messages, and one outbox row published within the relay's 24-hour retention.
 */
export const FILLER_STATEMENTS: readonly string[] = [
  `INSERT INTO customers (id, name, email, created_at, updated_at)
   SELECT ${id('cus', 'i')}, 'Filler Customer ' || i, 'filler.customer.' || i || '@example.com',
          now() - ((i % 700) || ' days')::interval, now() - ((i % 30) || ' days')::interval
   FROM ${series}`,
  `INSERT INTO owner_identities (id, customer_id, issuer, subject, created_at)
   SELECT ${id('id', 'i')}, ${id('cus', 'i')}, 'zuora', ${account}, now() - ((i % 700) || ' days')::interval
   FROM ${series}`,
  `INSERT INTO customer_accounts (service, external_id, customer_id, created_at)
   SELECT 'zuora', ${account}, ${id('cus', 'i')}, now() - ((i % 700) || ' days')::interval
   FROM ${series}`,
  `INSERT INTO subscriptions (id, reference, status, source, term_start, term_end, auto_renew,
     owner_id, customer_id, imported, upstream_version, last_synced_at, created_at, updated_at)
   SELECT ${id('sub', 'i')}, ${number}, 'active', 'zuora', ${termStart},
          (${termStart} + interval '12 months')::date, true, ${id('id', 'i')}, ${id('cus', 'i')},
          true, 1 + i % 4, now() - ((i % 30) || ' days')::interval,
          now() - ((i % 700) || ' days')::interval, now() - ((i % 30) || ' days')::interval
   FROM ${series}`,
  `INSERT INTO subscription_references (subscription_id, provider, kind, value)
   SELECT ${id('sub', 'i')}, 'zuora', r.kind, r.value
   FROM ${series}, LATERAL (VALUES ('subscription', ${number}),
                                   ('subscription-alias', md5('filler-subscription-' || i)),
                                   ('account', ${account})) AS r(kind, value)`,
  `INSERT INTO addresses (id, subscription_id, type, line1, line2, city, state, postal_code, country)
   SELECT ${id('addr', 'i * 2 + t.n')}, ${id('sub', 'i')}, t.type, (i % 900 + 1) || ' Filler Street',
          CASE WHEN t.n = 1 THEN 'Reception' END, 'Manchester', 'Greater Manchester', 'M1 1AE',
          'United Kingdom'
   FROM ${series} CROSS JOIN (VALUES (0, 'billing'), (1, 'shipping')) AS t(n, type)`,
  `INSERT INTO schedule_entries (id, subscription_id, date, amount, currency, status, description, source_key)
   SELECT ${id('schedule', 'i * 16 + k')}, ${id('sub', 'i')},
          (${termStart} + (k || ' months')::interval)::date, 9.99 + i % 5, 'GBP', 'pending',
          'Digital Standard Monthly',
          'C-8' || lpad(i::text, 7, '0') || '/' || (${termStart} + (k || ' months')::interval)::date
   FROM ${series} CROSS JOIN generate_series(0, 11) AS k`,
  `INSERT INTO subscription_offers (id, subscription_id, source_key, name, offer_id, mapped,
     product_name, rate_plan_name, product_rate_plan_id, charges, start_date, end_date)
   SELECT ${id('offer', 'i')}, ${id('sub', 'i')}, 'filler-rate-plan', 'Digital Standard – Monthly',
          NULL, false, 'Digital Standard', 'Monthly', 'filler-rate-plan',
          jsonb_build_array(jsonb_build_object('name', 'Digital Standard Monthly',
            'price', (9.99 + i % 5)::text, 'quantity', 1, 'billingPeriod', 'Month', 'currency', 'GBP')),
          ${termStart}, (${termStart} + interval '12 months')::date
   FROM ${series}`,
  `INSERT INTO events (id, type, provider, ref, trigger, status, subscription_id, owner_id, changes,
     correlation_id, created_at, completed_at, request)
   SELECT ${id('event', 'i * 4 + k')}, 'sync', 'zuora', ${number}, 'api', 'succeeded',
          ${id('sub', 'i')}, ${id('id', 'i')}, '[]'::jsonb, gen_random_uuid(),
          now() - ((k * 30 + i % 30) || ' days')::interval,
          now() - ((k * 30 + i % 30) || ' days')::interval + interval '180 milliseconds',
          jsonb_build_object('topic', 'sync.requested.v1', 'data', jsonb_build_object(
            'provider', 'zuora', 'scope', 'subscription', 'ref', ${number}, 'trigger', 'api'))
   FROM ${series} CROSS JOIN generate_series(0, 2) AS k`,
  // The inbox keeps every message a consumer processed; a tiny one would let the planner scan it.
  `INSERT INTO inbox (consumer, message_id, topic, processed_at)
   SELECT 'zuora-sync', gen_random_uuid(), 'sync.requested.v1',
          now() - ((k * 30 + i % 30) || ' days')::interval
   FROM ${series} CROSS JOIN generate_series(0, 2) AS k`,
  `INSERT INTO outbox (message_id, producer, topic, key, payload, created_at, sent_at)
   SELECT gen_random_uuid(), 'zuora-sync', 'sync.completed.v1', ${id('sub', 'i')},
          jsonb_build_object('type', 'sync.completed', 'data', jsonb_build_object(
            'provider', 'zuora', 'ref', ${number}, 'status', 'succeeded', 'changes', '[]'::jsonb)),
          now() - ((i % 1380) || ' minutes')::interval,
          now() - ((i % 1380) || ' minutes')::interval + interval '40 milliseconds'
   FROM ${series}`,
];
