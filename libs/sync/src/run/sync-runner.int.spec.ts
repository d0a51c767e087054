import {
  createEnvelope,
  type Envelope,
  type Fetched,
  type SyncOutcome,
  type SyncRequested,
  Topics,
} from '@subsync/domain';
import { InboxTypeOrm, type MessageGroup, OutboxTypeOrm, SystemClock } from '@subsync/messaging';
import {
  createDataSource,
  runMigrations,
  type SyncStore,
  type SyncStoreTypeOrm,
  SyncUnitOfWorkTypeOrm,
} from '@subsync/persistence';
import { createTestDatabase } from '@subsync/testkit';
import { queueSyncRequestIn } from '../request/queue-sync-request';
import {
  type ApplyItem,
  type FetchContext,
  StaleSnapshotError,
  type SyncProvider,
  type SyncWriter,
} from './sync-provider';
import { SyncRunner } from './sync-runner';

// The sync frame on real PostgreSQL, with a stand-in provider whose "upstream" is a map of
// customer names and whose writes are customers rows: what the runner and the batch applier
// record (Events, inbox claims, sync.completed.v1 in the outbox) is read back from the tables.

interface Snapshot {
  ref: string;
  name: string;
}

/** An upstream of customer names, and a provider that copies them into `customers`. */
class NamesProvider implements SyncProvider<Snapshot>, SyncWriter<Snapshot> {
  readonly source = 'sync-runner-test';
  readonly writer = this;
  readonly upstream = new Map<string, string>();
  /** Fetches made, per ref. */
  readonly fetches = new Map<string, number>();
  /** Sizes of the batches written. */
  readonly batches: number[] = [];
  /** Refs whose next applies find the snapshot stale, how many times each. */
  readonly staleTimes = new Map<string, number>();
  /** Refs whose writes break a constraint. */
  readonly unwritable = new Set<string>();
  /** Fetches wait for this, when set; answers hang until the deadline for `hang`. */
  gate: Promise<void> | null = null;
  readonly hang = new Set<string>();

  async fetch(request: Envelope<SyncRequested>, context: FetchContext): Promise<Fetched<Snapshot>> {
    const ref = request.data.ref;
    this.fetches.set(ref, (this.fetches.get(ref) ?? 0) + 1);
    if (this.gate !== null) await this.gate;
    if (this.hang.has(ref)) {
      await new Promise((_, reject) =>
        context.signal.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    }
    const name = this.upstream.get(ref);
    if (name === undefined) {
      return { ok: false, outcome: failedNotFound(ref) };
    }
    return { ok: true, snapshot: { ref, name } };
  }

  async applyAll(
    store: SyncStore,
    items: readonly ApplyItem<Snapshot>[],
  ): Promise<(SyncOutcome | StaleSnapshotError)[]> {
    this.batches.push(items.length);
    const results: (SyncOutcome | StaleSnapshotError)[] = [];
    for (const { snapshot } of items) {
      const stale = this.staleTimes.get(snapshot.ref) ?? 0;
      if (stale > 0) {
        this.staleTimes.set(snapshot.ref, stale - 1);
        results.push(new StaleSnapshotError(`${snapshot.ref} changed meanwhile`));
        continue;
      }
      const id = `cus-${snapshot.ref}`;
      // Rows of its own kind: the store's manager (the runner is given the TypeORM adapter).
      const manager = (store as SyncStoreTypeOrm).manager;
      // An unwritable one breaks the customers primary key: a NULL id.
      await manager.query(
        `INSERT INTO customers (id, name) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name`,
        [this.unwritable.has(snapshot.ref) ? null : id, snapshot.name],
      );
      results.push({
        status: 'succeeded',
        subscriptionId: null,
        ownerId: `owner-${snapshot.ref}`,
        changes: [{ field: 'customer.name', before: null, after: snapshot.name }],
      });
    }
    return results;
  }
}

function failedNotFound(ref: string): SyncOutcome {
  return {
    status: 'failed',
    subscriptionId: null,
    ownerId: null,
    error: { code: 'NOT_FOUND', message: `${ref} is not upstream` },
  };
}

describe('SyncRunner on PostgreSQL', () => {
  let db: ReturnType<typeof createDataSource>;
  let provider: NamesProvider;
  let runner: SyncRunner;
  const outbox = new OutboxTypeOrm('sync-runner-test');
  const unitOfWork = () =>
    new SyncUnitOfWorkTypeOrm(db, new InboxTypeOrm('sync-runner-test'), outbox);

  beforeAll(async () => {
    db = createDataSource(await createTestDatabase('sync_runner'), 'sync-runner-int');
    await db.initialize();
    await runMigrations(db);
  });

  afterAll(async () => {
    await db.destroy();
  });

  beforeEach(() => {
    provider = new NamesProvider();
    runner = new SyncRunner(unitOfWork(), new SystemClock(), {
      upstreamDeadlineMs: 5_000,
    });
  });

  let serial = 0;
  /** A fresh ref, so tests never share rows. */
  const newRef = (label: string) => `${label}-${++serial}-${Date.now()}`;

  /** Queues a request the way the gateway does, and returns its envelope as the consumer reads it. */
  async function request(ref: string): Promise<Envelope<SyncRequested>> {
    const queued = await unitOfWork().run((store) =>
      queueSyncRequestIn(store, {
        provider: 'zuora',
        ref,
        trigger: 'api',
        correlationId: globalThis.crypto.randomUUID(),
        source: 'sync-runner-test',
        now: new Date(),
      }),
    );
    return createEnvelope({
      topic: Topics.syncRequested,
      source: 'gateway',
      now: new Date(),
      data: queued.request,
    });
  }

  function group(ref: string, envelopes: Envelope<SyncRequested>[]): MessageGroup<SyncRequested> {
    return {
      key: ref,
      messages: envelopes.map((envelope, offset) => ({
        envelope,
        topic: Topics.syncRequested,
        partition: 0,
        offset: String(offset),
        key: ref,
        headers: {},
      })),
    };
  }

  const run = (ref: string, envelopes: Envelope<SyncRequested>[]) =>
    runner.run(group(ref, envelopes), () => provider);

  const eventIdOf = (envelope: Envelope<SyncRequested>) => envelope.data.eventId ?? '';

  async function eventsOf(envelopes: Envelope<SyncRequested>[]) {
    const rows: {
      id: string;
      status: string;
      error_code: string | null;
      coalesced_into: string | null;
      changes: unknown[];
    }[] = await db.query(
      `SELECT id, status, error_code, coalesced_into, changes FROM events WHERE id = ANY($1)`,
      [envelopes.map((envelope) => envelope.data.eventId)],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return envelopes.map((envelope) => byId.get(eventIdOf(envelope))!);
  }

  async function completionsOf(envelopes: Envelope<SyncRequested>[]): Promise<string[]> {
    const rows: { event_id: string; status: string }[] = await db.query(
      `SELECT payload->'data'->>'eventId' AS event_id, payload->'data'->>'status' AS status
         FROM outbox WHERE topic = $1 AND payload->'data'->>'eventId' = ANY($2)`,
      [Topics.syncCompleted, envelopes.map((envelope) => envelope.data.eventId)],
    );
    const byId = new Map(rows.map((row) => [row.event_id, row.status]));
    return envelopes.map((envelope) => byId.get(eventIdOf(envelope)) ?? 'none');
  }

  async function claimed(envelopes: Envelope<SyncRequested>[]): Promise<number> {
    const [row]: { count: string }[] = await db.query(
      `SELECT count(*) FROM inbox WHERE consumer = 'sync-runner-test' AND message_id = ANY($1)`,
      [envelopes.map((envelope) => envelope.id)],
    );
    return Number(row!.count);
  }

  async function nameOf(ref: string): Promise<string | null> {
    const rows: { name: string }[] = await db.query(`SELECT name FROM customers WHERE id = $1`, [
      `cus-${ref}`,
    ]);
    return rows[0]?.name ?? null;
  }

  it('writes syncs that finish together in shared transactions, each with its own Event and completion', async () => {
    const refs = Array.from({ length: 20 }, () => newRef('batch'));
    refs.forEach((ref, i) => provider.upstream.set(ref, `Customer ${i}`));
    const envelopes = await Promise.all(refs.map((ref) => request(ref)));
    let open!: () => void;
    provider.gate = new Promise((resolve) => (open = resolve));
    const runs = Promise.all(refs.map((ref, i) => run(ref, [envelopes[i]!])));
    await new Promise((resolve) => setTimeout(resolve, 200));
    open();
    await runs;

    expect(provider.batches.reduce((sum, size) => sum + size, 0)).toBe(20);
    expect(Math.max(...provider.batches)).toBeGreaterThan(1);
    expect((await eventsOf(envelopes)).map((event) => event.status)).toEqual(
      refs.map(() => 'succeeded'),
    );
    expect(await completionsOf(envelopes)).toEqual(refs.map(() => 'succeeded'));
    expect(await claimed(envelopes)).toBe(20);
    expect(await Promise.all(refs.map(nameOf))).toEqual(refs.map((_, i) => `Customer ${i}`));
  });

  it('answers requests that waited for one subscription with one fetch, linked to the Event that did it', async () => {
    const ref = newRef('coalesce');
    provider.upstream.set(ref, 'Ada');
    const envelopes = await Promise.all([1, 2, 3, 4, 5].map(() => request(ref)));
    await run(ref, envelopes);

    expect(provider.fetches.get(ref)).toBe(1);
    const events = await eventsOf(envelopes);
    expect(events.map((event) => event.status)).toEqual(envelopes.map(() => 'succeeded'));
    const leader = envelopes[0]!.data.eventId;
    expect(events.map((event) => event.coalesced_into)).toEqual([
      null,
      ...[2, 3, 4, 5].map(() => leader),
    ]);
    expect(events[0]!.changes).toHaveLength(1);
    expect(await completionsOf(envelopes)).toEqual(envelopes.map(() => 'succeeded'));
    expect(await claimed(envelopes)).toBe(5);
  });

  it('does not sync a request it processed already', async () => {
    const ref = newRef('redelivered');
    provider.upstream.set(ref, 'Grace');
    const envelope = await request(ref);
    await run(ref, [envelope]);
    provider.upstream.set(ref, 'Changed since');
    await run(ref, [envelope]); // Kafka delivers it again after a crash

    expect(provider.fetches.get(ref)).toBe(1);
    expect(await nameOf(ref)).toBe('Grace');
    expect(await completionsOf([envelope])).toEqual(['succeeded']);
  });

  it('fetches a stale snapshot again, and fails the sync honestly when it stays stale', async () => {
    const settles = newRef('stale-once');
    const stays = newRef('stale-always');
    provider.upstream.set(settles, 'Second look');
    provider.upstream.set(stays, 'Never applied');
    provider.staleTimes.set(settles, 1);
    provider.staleTimes.set(stays, 100);
    const [a, b] = [await request(settles), await request(stays)];
    await Promise.all([run(settles, [a]), run(stays, [b])]);

    expect(provider.fetches.get(settles)).toBe(2);
    expect(provider.fetches.get(stays)).toBe(4);
    expect(await nameOf(settles)).toBe('Second look');
    expect(await nameOf(stays)).toBeNull();
    const [settled, failed] = await eventsOf([a, b]);
    expect(settled!.status).toBe('succeeded');
    expect({ status: failed!.status, code: failed!.error_code }).toEqual({
      status: 'failed',
      code: 'STALE_SNAPSHOT',
    });
    expect(await claimed([a, b])).toBe(2);
  });

  it('fails a sync whose upstream outlasts the deadline, without writing anything', async () => {
    runner = new SyncRunner(unitOfWork(), new SystemClock(), {
      upstreamDeadlineMs: 300,
    });
    const ref = newRef('slow');
    provider.upstream.set(ref, 'Too late');
    provider.hang.add(ref);
    const envelope = await request(ref);
    await run(ref, [envelope]);

    const [event] = await eventsOf([envelope]);
    expect({ status: event!.status, code: event!.error_code }).toEqual({
      status: 'failed',
      code: 'UPSTREAM_DEADLINE',
    });
    expect(await nameOf(ref)).toBeNull();
    expect(await completionsOf([envelope])).toEqual(['failed']);
  });

  it('writes the others when one sync of a batch cannot be written, and leaves that one unclaimed', async () => {
    const refs = Array.from({ length: 6 }, () => newRef('poison'));
    refs.forEach((ref) => provider.upstream.set(ref, `Name of ${ref}`));
    const poison = refs[3]!;
    provider.unwritable.add(poison);
    const envelopes = await Promise.all(refs.map((ref) => request(ref)));
    let open!: () => void;
    provider.gate = new Promise((resolve) => (open = resolve));
    const runs = Promise.allSettled(refs.map((ref, i) => run(ref, [envelopes[i]!])));
    await new Promise((resolve) => setTimeout(resolve, 200));
    open();
    const settled = await runs;

    expect(settled.map((result) => result.status)).toEqual(
      refs.map((ref) => (ref === poison ? 'rejected' : 'fulfilled')),
    );
    const events = await eventsOf(envelopes);
    expect(events.map((event) => event.status)).toEqual(
      refs.map((ref) => (ref === poison ? 'queued' : 'succeeded')),
    );
    expect(await completionsOf(envelopes)).toEqual(
      refs.map((ref) => (ref === poison ? 'none' : 'succeeded')),
    );
    expect(await claimed(envelopes)).toBe(5);
    expect(await nameOf(poison)).toBeNull();
  });
});
