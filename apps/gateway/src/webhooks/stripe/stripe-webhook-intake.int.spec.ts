import type { StripeWebhookConfig } from '@subsync/config';
import type { StripeWebhookEvent } from '@subsync/domain';
import { Clock, InboxTypeOrm, OutboxTypeOrm } from '@subsync/messaging';
import {
  createDataSource,
  runMigrations,
  StripeWebhookEventsTypeOrm,
  SyncUnitOfWorkTypeOrm,
} from '@subsync/persistence';
import { StripeEventIntakeInUnitOfWork } from '@subsync/sync';
import { createTestDatabase } from '@subsync/testkit';
import { StripeWebhookEventsRetention } from './stripe-webhook-events.retention';
import { StripeWebhookIntake } from './stripe-webhook-intake.service';

const NOW = new Date('2026-12-01T09:00:00Z');

class FixedClock extends Clock {
  now(): Date {
    return NOW;
  }
}

function config(overrides: Partial<StripeWebhookConfig> = {}): StripeWebhookConfig {
  return {
    secret: 'whsec_int',
    toleranceSeconds: 300,
    importOnWebhook: false,
    platformSources: ['shop', 'salesforce'],
    eventsRetentionDays: 30,
    ...overrides,
  };
}

let sequence = 0;
function anEvent(
  type: string,
  object: Record<string, unknown>,
  previous?: Record<string, unknown>,
): StripeWebhookEvent {
  sequence += 1;
  return {
    id: `evt_int${sequence}`,
    type,
    data: { object, ...(previous === undefined ? {} : { previous_attributes: previous }) },
  };
}

const subscription = (id: string, customer: string, metadata: Record<string, string> = {}) => ({
  id,
  object: 'subscription',
  customer,
  metadata,
});

describe('StripeWebhookIntake against PostgreSQL', () => {
  let db: ReturnType<typeof createDataSource>;
  const intake = (overrides: Partial<StripeWebhookConfig> = {}) =>
    new StripeWebhookIntake(
      new StripeEventIntakeInUnitOfWork(
        new SyncUnitOfWorkTypeOrm(db, new InboxTypeOrm('gateway'), new OutboxTypeOrm('gateway')),
      ),
      new FixedClock(),
      config(overrides),
    );

  beforeAll(async () => {
    const url = await createTestDatabase('stripe_webhooks');
    const migrator = createDataSource(url, 'stripe-webhooks-migrate');
    await migrator.initialize();
    await runMigrations(migrator);
    await migrator.destroy();
    db = createDataSource(url, 'stripe-webhooks-int');
    await db.initialize();
    await db.query(`
      INSERT INTO customers (id, name) VALUES ('cus-a', 'A'), ('cus-b', 'B');
      INSERT INTO owner_identities (id, customer_id, issuer, subject)
        VALUES ('id-a', 'cus-a', 'stripe', 'cus_A'), ('id-b', 'cus-b', 'stripe', 'cus_B');
      INSERT INTO subscriptions (id, reference, status, source, auto_renew, owner_id, customer_id)
        VALUES ('sub-a1', 'sub_A1', 'active', 'stripe', true, 'id-a', 'cus-a'),
               ('sub-a2', 'sub_A2', 'active', 'stripe', true, 'id-a', 'cus-a'),
               ('sub-b1', 'sub_B1', 'active', 'stripe', true, 'id-b', 'cus-b');
      INSERT INTO subscription_references (subscription_id, provider, kind, value)
        VALUES ('sub-a1', 'stripe', 'subscription', 'sub_A1'), ('sub-a1', 'stripe', 'account', 'cus_A'),
               ('sub-a2', 'stripe', 'subscription', 'sub_A2'), ('sub-a2', 'stripe', 'account', 'cus_A'),
               ('sub-b1', 'stripe', 'subscription', 'sub_B1'), ('sub-b1', 'stripe', 'account', 'cus_B');
    `);
  });

  afterAll(async () => {
    await db?.destroy();
  });

  /** The sync requests queued for these Events: the ref and trigger each names. */
  async function queuedRequests(eventIds: readonly string[]) {
    const rows: { ref: string; trigger: string; key: string }[] = await db.query(
      `SELECT payload->'data'->>'ref' AS ref, payload->'data'->>'trigger' AS trigger, key
         FROM outbox WHERE topic = 'sync.requested.v1' AND payload->'data'->>'eventId' = ANY($1)
        ORDER BY ref`,
      [eventIds],
    );
    return rows;
  }

  it('a subscription event for a held subscription queues one upstream sync of it', async () => {
    const answer = await intake().accept(
      anEvent('customer.subscription.updated', subscription('sub_A1', 'cus_A')),
      '3f9f3c4e-1111-4a4a-9a9a-000000000001',
    );
    expect(answer).toMatchObject({ received: true, duplicate: false, outcome: 'queued' });
    expect(await queuedRequests(answer.eventIds)).toEqual([
      { ref: 'sub-a1', trigger: 'upstream', key: 'stripe:sub-a1' },
    ]);
    const [event] = await db.query(
      'SELECT status, trigger, type, correlation_id FROM events WHERE id = $1',
      answer.eventIds,
    );
    expect(event).toEqual({
      status: 'queued',
      trigger: 'upstream',
      type: 'sync',
      correlation_id: '3f9f3c4e-1111-4a4a-9a9a-000000000001',
    });
  });

  it('a new default card syncs every subscription of that customer the platform holds', async () => {
    const answer = await intake().accept(
      anEvent(
        'customer.updated',
        { id: 'cus_A', object: 'customer' },
        { invoice_settings: { default_payment_method: 'pm_old' } },
      ),
      '3f9f3c4e-1111-4a4a-9a9a-000000000002',
    );
    expect(answer.outcome).toBe('queued');
    expect((await queuedRequests(answer.eventIds)).map((r) => r.ref)).toEqual(['sub-a1', 'sub-a2']);
  });

  it('ten deliveries of one event at once queue its sync once, and all get its Event', async () => {
    const event = anEvent('invoice.paid', {
      id: 'in_1',
      object: 'invoice',
      customer: 'cus_B',
      metadata: {},
      parent: { subscription_details: { subscription: 'sub_B1' } },
    });
    const before: [{ n: number }] = await db.query('SELECT count(*)::int AS n FROM events');

    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        intake().accept(event, `3f9f3c4e-1111-4a4a-9a9a-00000000010${i % 10}`),
      ),
    );

    expect(answers.filter((a) => !a.duplicate)).toHaveLength(1);
    expect(new Set(answers.map((a) => JSON.stringify(a.eventIds))).size).toBe(1);
    const after: [{ n: number }] = await db.query('SELECT count(*)::int AS n FROM events');
    expect(after[0].n - before[0].n).toBe(1);
    expect(await queuedRequests(answers[0]!.eventIds)).toHaveLength(1);
  });

  it('an invoice the platform raised records a skipped Event with the reason and queues nothing', async () => {
    const answer = await intake().accept(
      anEvent('invoice.finalized', {
        id: 'in_shop',
        object: 'invoice',
        customer: 'cus_B',
        metadata: { source: 'salesforce' },
        subscription: 'sub_B1',
      }),
      '3f9f3c4e-1111-4a4a-9a9a-000000000003',
    );
    const reason =
      'invoice in_shop of subscription sub_B1 was written by the platform (metadata source = salesforce)';
    expect(answer).toMatchObject({ outcome: 'skipped', reason });
    const rows: unknown[] = await db.query(
      'SELECT status, subscription_id, owner_id, reason, ref, trigger FROM events WHERE id = $1',
      answer.eventIds,
    );
    expect(rows).toEqual([
      {
        status: 'skipped',
        subscription_id: 'sub-b1',
        owner_id: 'id-b',
        reason,
        ref: 'sub-b1',
        trigger: 'upstream',
      },
    ]);
    expect(await queuedRequests(answer.eventIds)).toEqual([]);
  });

  it('a subscription the platform does not hold is ignored, or imported with STRIPE_IMPORT_ON_WEBHOOK', async () => {
    const created = subscription('sub_New', 'cus_New');
    const ignored = await intake().accept(
      anEvent('customer.subscription.created', created),
      '3f9f3c4e-1111-4a4a-9a9a-000000000004',
    );
    expect(ignored).toMatchObject({
      outcome: 'not-held',
      eventIds: [],
      reason: 'the platform does not hold subscription sub_New',
    });

    const imported = await intake({ importOnWebhook: true }).accept(
      anEvent('customer.subscription.created', created),
      '3f9f3c4e-1111-4a4a-9a9a-000000000005',
    );
    expect(imported.outcome).toBe('queued');
    expect(await queuedRequests(imported.eventIds)).toEqual([
      { ref: 'sub_New', trigger: 'upstream', key: 'stripe:sub_New' },
    ]);

    // Only a subscription event imports: an invoice says too little about what to import.
    const invoice = await intake({ importOnWebhook: true }).accept(
      anEvent('invoice.paid', {
        id: 'in_2',
        object: 'invoice',
        customer: 'cus_Other',
        metadata: {},
        subscription: 'sub_Other',
      }),
      '3f9f3c4e-1111-4a4a-9a9a-000000000006',
    );
    expect(invoice.outcome).toBe('not-held');
  });

  it('every accepted event is kept with its outcome, so they can be counted', async () => {
    await intake().accept(
      anEvent('charge.refunded', { id: 'ch_1', object: 'charge' }),
      '3f9f3c4e-1111-4a4a-9a9a-000000000007',
    );
    const rows: { outcome: string; n: number }[] = await db.query(
      'SELECT outcome, count(*)::int AS n FROM stripe_webhook_events GROUP BY outcome ORDER BY outcome',
    );
    expect(rows).toEqual([
      { outcome: 'not-held', n: 2 },
      { outcome: 'queued', n: 4 },
      { outcome: 'skipped', n: 1 },
      { outcome: 'unhandled', n: 1 },
    ]);
  });

  it('forgets events older than the retention, in batches, and keeps the rest', async () => {
    await db.query(
      `INSERT INTO stripe_webhook_events (stripe_event_id, type, outcome, received_at)
       SELECT 'evt_old' || n, 'charge.refunded', 'unhandled', $1::timestamptz - make_interval(days => 31)
         FROM generate_series(1, 5003) AS n`,
      [NOW],
    );
    await db.query(
      `INSERT INTO stripe_webhook_events (stripe_event_id, type, outcome, received_at)
       VALUES ('evt_recent', 'charge.refunded', 'unhandled', $1::timestamptz - make_interval(days => 29))`,
      [NOW],
    );
    const before: { n: number }[] = await db.query(
      'SELECT count(*)::int AS n FROM stripe_webhook_events',
    );
    const retention = new StripeWebhookEventsRetention(
      new StripeWebhookEventsTypeOrm(db),
      new FixedClock(),
      config(),
    );

    expect(await retention.prune()).toBe(5_003);

    const ids: { stripe_event_id: string }[] = await db.query(
      "SELECT stripe_event_id FROM stripe_webhook_events WHERE stripe_event_id LIKE 'evt_old%' OR stripe_event_id = 'evt_recent'",
    );
    expect(ids).toEqual([{ stripe_event_id: 'evt_recent' }]);
    const after: { n: number }[] = await db.query(
      'SELECT count(*)::int AS n FROM stripe_webhook_events',
    );
    expect(after[0]!.n).toBe(before[0]!.n - 5_003);
    expect(await retention.prune()).toBe(0);
  });
});
