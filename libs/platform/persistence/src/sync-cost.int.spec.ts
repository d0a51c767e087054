import { DataSource, type EntityManager } from 'typeorm';
import type { CustomerContact, Provider } from '@subsync/domain';
import {
  bulkAccount,
  bulkReference,
  createTestDatabase,
  readsThatGrew,
  rowsRead,
  seqScannedTables,
  StatementRecorder,
  storeBulkSubscriptions,
} from '@subsync/testkit';
import { createDataSource, dataSourceOptions } from './data-source';
import {
  loadCustomerCards,
  saveCustomerCards,
} from './repositories/customer-payment-methods.repository';
import { loadPaymentCard, savePaymentCard } from './repositories/payment-card.repository';
import {
  loadAddresses,
  loadOffers,
  loadSchedule,
} from './repositories/subscription-details.repository';
import { findSubscriptionByAnyId, lookupSyncRequests } from './repositories/subscription-lookup';
import {
  completeEventsStatement,
  insertQueuedEvent,
  recordDeadLetteredEvent,
} from './repositories/sync-event.repository';
import type { SyncedSubscriptionWrite } from './ports/sync-store.port';
import type { Statement } from './repositories/statement';
import {
  accountLinksInsert,
  customerContactsUpdate,
  findOrPlanOwners,
  lockStoredSubscriptions,
  syncedSubscriptionWrites,
} from './repositories/synced-subscriptions.batch';
import { runMigrations } from './run-migrations';
import { WritePipeline } from './typeorm/write-pipeline';

// What one sync costs must not depend on how many subscriptions are stored: the same sync is run
// at two sizes, and PostgreSQL's own counters must show no more rows read at the larger one.
const SMALL = 2_000;
const LARGE = 30_000;

// Tables that grow with the subscriptions; a Seq Scan on one of them grows with them too.
const GROWING_TABLES = [
  'addresses',
  'customer_accounts',
  'customers',
  'events',
  'owner_identities',
  'payment_methods',
  'schedule_entries',
  'subscription_offers',
  'subscriptions',
];

// The store sends these statements through its WritePipeline; outside a transaction, as here,
// the pipeline runs them one after another.
function run(m: EntityManager, statements: readonly (Statement | null)[]): Promise<void> {
  return new WritePipeline(m, false).send(statements);
}

async function findOrCreateOwners(
  m: EntityManager,
  provider: Provider,
  accounts: readonly { id: string; contact: CustomerContact }[],
) {
  const { owners, inserts } = await findOrPlanOwners(m, provider, accounts);
  await run(m, inserts);
  return owners;
}

function writeSyncedSubscriptions(
  m: EntityManager,
  provider: Provider,
  writes: readonly SyncedSubscriptionWrite[],
): Promise<void> {
  return run(m, syncedSubscriptionWrites(provider, writes));
}

describe('the cost of a sync', () => {
  const recorder = new StatementRecorder();
  let db: DataSource;

  beforeAll(async () => {
    const url = await createTestDatabase('sync_cost');
    const migrator = createDataSource(url, 'sync-cost-migrate');
    await migrator.initialize();
    await runMigrations(migrator);
    await migrator.destroy();
    // One connection, so the statistics of everything the sync ran can be flushed and read.
    db = new DataSource({
      ...dataSourceOptions(url, 'sync-cost-int'),
      logger: recorder,
      extra: { max: 1 },
    });
    await db.initialize();
  });

  afterAll(async () => {
    await db.destroy();
  });

  it('reads no more rows with 30,000 subscriptions stored than with 2,000, and scans no growing table', async () => {
    await storeBulkSubscriptions(db, 1, SMALL);
    const small = await rowsRead(db, () => syncEveryWay(db, SMALL));

    await storeBulkSubscriptions(db, SMALL + 1, LARGE);
    recorder.take();
    const large = await rowsRead(db, () => syncEveryWay(db, LARGE));

    const scans: { sql: string; tables: string[] }[] = [];
    for (const { sql, parameters } of recorder.take().filter((s) => isDataStatement(s.sql))) {
      const tables = (await seqScannedTables(db, sql, parameters)).filter((table) =>
        GROWING_TABLES.includes(table),
      );
      if (tables.length > 0) scans.push({ sql: briefly(sql), tables });
    }
    expect({ readsThatGrew: readsThatGrew(small, large), scans }).toEqual({
      readsThatGrew: [],
      scans: [],
    });
  });

  it('leaves the references a refresh does not change untouched, and replaces one that changed', async () => {
    const ref = bulkReference(1);
    const tuples = () =>
      db.query<{ kind: string; value: string; touched: boolean }[]>(
        `SELECT r.kind, r.value, r.xmax::text <> '0' AS touched FROM subscription_references r
           JOIN subscriptions s ON s.id = r.subscription_id
          WHERE s.reference = $1 ORDER BY r.kind`,
        [ref],
      );
    const refresh = (account: string) =>
      db.transaction(async (m) => {
        const found = (await lockStoredSubscriptions(m, 'zuora', [ref])).get(ref)!;
        await writeSyncedSubscriptions(m, 'zuora', [
          {
            id: found.id,
            terms: found.local.terms,
            syncedAt: new Date(),
            references: [
              { kind: 'subscription-alias', value: 'zid-1-same' },
              { kind: 'account', value: account },
            ],
            schedule: { cancel: [], update: [], create: [], changes: [] },
          },
        ]);
      });
    await refresh(bulkAccount(1));
    // A fresh copy of each row: a row locked or rewritten by the next write shows a non-zero xmax.
    await db.query(
      `UPDATE subscription_references r SET value = r.value FROM subscriptions s
        WHERE s.id = r.subscription_id AND s.reference = $1`,
      [ref],
    );
    await refresh(bulkAccount(1));
    expect(await tuples()).toEqual([
      { kind: 'account', value: bulkAccount(1), touched: false },
      { kind: 'subscription', value: ref, touched: false },
      { kind: 'subscription-alias', value: 'zid-1-same', touched: false },
    ]);
    await refresh('A-moved');
    expect(await tuples()).toMatchObject([
      { kind: 'account', value: 'A-moved' },
      { kind: 'subscription', value: ref, touched: false },
      { kind: 'subscription-alias', value: 'zid-1-same', touched: false },
    ]);
  });
});

/** The statement without TypeORM's long select list, enough to tell which one it is. */
function briefly(sql: string): string {
  return sql
    .replace(/\s+/g, ' ')
    .replace(/^SELECT .*? FROM /, 'SELECT … FROM ')
    .slice(0, 240);
}

function isDataStatement(sql: string): boolean {
  return /^\s*(SELECT|INSERT|UPDATE|DELETE)\b/i.test(sql) && !sql.includes('pg_stat');
}

/**
 * What the Zuora subscription and account writers, the Stripe writer, the Event recorders and the
 * gateway's read model do for one sync each, on the newest stored subscriptions up to `n`: the
 * same work at every size, through the functions they call.
 */
async function syncEveryWay(db: DataSource, n: number): Promise<void> {
  // How a consumer finds the subscriptions a chunk of requests names, before it fetches.
  await lookupSyncRequests(
    db.manager,
    'zuora-sync',
    [bulkReference(n - 1), `sub-${n}`, 'A-S-unknown'],
    [globalThis.crypto.randomUUID()],
  );
  await db.transaction(async (m) => {
    await syncZuoraSubscription(m, n - 1);
    await syncZuoraAccount(m, n - 1);
    await syncStripeSubscription(m, n);
    await importZuoraSubscription(m, n);
    await recordEvents(m, n);
  });
  // How the gateway resolves a caller's id and shows a subscription, outside any transaction.
  for (const ref of [bulkReference(n - 1), bulkReference(n), 'A-S-unknown', 'sub-unknown']) {
    const found = await findSubscriptionByAnyId(db.manager, ref);
    if (found === null) continue;
    await loadAddresses(db.manager, found.id);
    await loadOffers(db.manager, found.id);
    await loadSchedule(db.manager, found.id);
  }
}

async function syncZuoraSubscription(m: EntityManager, i: number): Promise<void> {
  const ref = bulkReference(i);
  const found = (await lockStoredSubscriptions(m, 'zuora', [ref])).get(ref);
  if (found === undefined) throw new Error(`subscription ${ref} is not stored`);
  const contact = { name: `Renamed ${i}`, email: `c${i}@example.com` };
  const owners = await findOrCreateOwners(m, 'zuora', [{ id: bulkAccount(i), contact }]);
  const owner = owners.get(bulkAccount(i))!;
  await run(m, [customerContactsUpdate([{ customerId: owner.customerId, contact }])]);
  await run(m, [
    accountLinksInsert([{ customerId: owner.customerId, service: 'zuora', id: bulkAccount(i) }]),
  ]);
  const pending = found.local.schedule.filter((entry) => entry.status === 'pending');
  await writeSyncedSubscriptions(m, 'zuora', [
    {
      id: found.id,
      terms: { status: 'active', termStart: '2026-01-01', termEnd: '2028-01-01', autoRenew: true },
      syncedAt: new Date(),
      references: [
        { kind: 'subscription-alias', value: `zid-${i}-v2` },
        { kind: 'account', value: bulkAccount(i) },
      ],
      version: 2,
      addresses: [{ ...found.local.addresses[0]!, line1: 'Moved' }],
      offers: [{ ...found.local.offers[0]!, name: 'Digital Plus' }],
      schedule: {
        cancel: [pending[0]!.id],
        update: [{ id: pending[1]!.id, description: 'Monthly, repriced' }],
        create: [
          {
            sourceKey: `C-${i}@new`,
            date: '2026-06-01',
            amount: '14.99',
            currency: 'GBP',
            description: 'Monthly',
          },
        ],
        changes: [],
      },
    },
  ]);
}

async function syncZuoraAccount(m: EntityManager, i: number): Promise<void> {
  const owners = await findOrCreateOwners(m, 'zuora', [
    { id: bulkAccount(i), contact: { name: null, email: null } },
  ]);
  const owner = owners.get(bulkAccount(i))!;
  const cards = await loadCustomerCards(m, owner.customerId, 'zuora');
  await saveCustomerCards(m, { customerId: owner.customerId, service: 'zuora' }, [
    cards[0]!,
    {
      externalId: `zpm-${i}-new`,
      brand: 'amex',
      last4: '0005',
      expMonth: 1,
      expYear: 2031,
      isDefault: false,
    },
  ]);
}

async function syncStripeSubscription(m: EntityManager, i: number): Promise<void> {
  const ref = bulkReference(i);
  const found = (await lockStoredSubscriptions(m, 'stripe', [ref])).get(ref);
  if (found === undefined) throw new Error(`subscription ${ref} is not stored`);
  await loadPaymentCard(m, found.id, 'stripe');
  await writeSyncedSubscriptions(m, 'stripe', [
    {
      id: found.id,
      terms: { status: 'active', termStart: '2026-01-01', termEnd: '2027-02-01', autoRenew: true },
      syncedAt: new Date(),
      references: [{ kind: 'account', value: bulkAccount(i) }],
      schedule: { cancel: [], update: [], create: [], changes: [] },
    },
  ]);
  await savePaymentCard(
    m,
    { customerId: found.customerId, subscriptionId: found.id, service: 'stripe' },
    { externalId: `pm_${i}_new`, brand: 'visa', last4: '4242', expMonth: 2, expYear: 2032 },
  );
}

async function importZuoraSubscription(m: EntityManager, i: number): Promise<void> {
  const ref = `A-S-new-${i}`;
  const stored = await lockStoredSubscriptions(m, 'zuora', [ref]);
  if (stored.size !== 0) throw new Error(`${ref} should not be stored yet`);
  const account = `A-new-${i}`;
  const owners = await findOrCreateOwners(m, 'zuora', [
    { id: account, contact: { name: 'New Customer', email: null } },
  ]);
  const address = {
    line1: '1 Main St',
    line2: null,
    city: 'Leeds',
    state: null,
    postalCode: null,
    country: 'GB',
  };
  await writeSyncedSubscriptions(m, 'zuora', [
    {
      id: `sub-new-${i}`,
      terms: { status: 'active', termStart: '2026-01-01', termEnd: '2027-01-01', autoRenew: true },
      syncedAt: new Date(),
      references: [{ kind: 'account', value: account }],
      version: 1,
      import: { reference: ref, owner: owners.get(account)!, key: ref },
      addresses: [
        { type: 'billing', ...address },
        { type: 'shipping', ...address },
      ],
      schedule: { cancel: [], update: [], create: [], changes: [] },
    },
  ]);
}

async function recordEvents(m: EntityManager, i: number): Promise<void> {
  const queued = {
    id: `event-queued-${i}`,
    type: 'sync' as const,
    provider: 'zuora' as const,
    ref: bulkReference(i - 1),
    trigger: 'api',
    correlationId: globalThis.crypto.randomUUID(),
    createdAt: new Date(),
    request: null,
  };
  await insertQueuedEvent(m, queued);
  await run(m, [
    completeEventsStatement([
      {
        event: queued,
        result: {
          status: 'succeeded',
          subscriptionId: null,
          ownerId: null,
          changes: [],
          reason: null,
          errorCode: null,
          completedAt: new Date(),
        },
      },
    ]),
  ]);
  await insertQueuedEvent(m, { ...queued, id: `event-lost-${i}` });
  const provenance = {
    topic: 'sync.requested.v1',
    partition: 0,
    offset: String(i),
    timestamp: null,
    consumerGroup: null,
    attempts: 5,
    exceptionClass: null,
    error: 'gave up',
    failedAt: null,
    key: null,
    value: null,
    valueEncoding: 'utf8' as const,
    headers: {},
    deadLetterTopic: 'sync.requested.v1.dlt',
    deadLetterPartition: 0,
    deadLetterOffset: String(i),
  };
  const letter = { ...queued, queuedEventId: `event-lost-${i}`, reason: 'gave up' };
  await recordDeadLetteredEvent(m, {
    id: `event-dlt-${i}`,
    event: letter,
    provenance,
    now: new Date(),
  });
  await recordDeadLetteredEvent(m, {
    id: `event-dlt-new-${i}`,
    event: { ...letter, queuedEventId: null },
    provenance: { ...provenance, offset: `${i}-new` },
    now: new Date(),
  });
}
