import { randomUUID } from 'node:crypto';
import { InboxTypeOrm, type OutboxMessage, OutboxTypeOrm } from '@subsync/messaging';
import { createDataSource, runMigrations, SyncUnitOfWorkTypeOrm } from '@subsync/persistence';
import { createTestDatabase } from '@subsync/testkit';
import { syncRequestRecords } from './queue-sync-request';
import { SyncRequestsInUnitOfWork } from './sync-requests';

const NOW = new Date('2026-12-01T09:00:00Z');

describe('SyncRequestsInUnitOfWork against PostgreSQL', () => {
  let db: ReturnType<typeof createDataSource>;
  let requests: SyncRequestsInUnitOfWork;
  let unitOfWork: SyncUnitOfWorkTypeOrm;
  let outbox: OutboxTypeOrm;

  const callout = (notificationId: string) =>
    requests.request({
      provider: 'zuora',
      ref: 'A-S00000001',
      trigger: 'callout',
      correlationId: randomUUID(),
      callout: { notificationId },
      source: 'gateway',
      now: NOW,
    });

  const eventCount = async (): Promise<number> => {
    const [row]: { n: number }[] = await db.query('SELECT count(*)::int AS n FROM events');
    return row?.n ?? 0;
  };

  beforeAll(async () => {
    db = createDataSource(await createTestDatabase('sync_requests'), 'sync-requests-int');
    await db.initialize();
    await runMigrations(db);
    outbox = new OutboxTypeOrm('gateway');
    unitOfWork = new SyncUnitOfWorkTypeOrm(db, new InboxTypeOrm('gateway'), outbox);
    requests = new SyncRequestsInUnitOfWork(unitOfWork);
  });

  afterAll(async () => {
    await db.destroy();
  });

  it('queues one Event for a callout, and answers its retries with that Event', async () => {
    const first = await callout('notification-1');
    const retries = await Promise.all([callout('notification-1'), callout('notification-1')]);

    expect(first.replayed).toBe(false);
    expect(retries).toEqual([
      { eventId: first.eventId, replayed: true },
      { eventId: first.eventId, replayed: true },
    ]);
    expect(await eventCount()).toBe(1);
  });

  it('claims a notification again once its sync failed, so a retry recovers', async () => {
    const first = await callout('notification-2');
    await db.query(`UPDATE events SET status = 'failed' WHERE id = $1`, [first.eventId]);

    const retry = await callout('notification-2');

    expect(retry.replayed).toBe(false);
    expect(retry.eventId).not.toBe(first.eventId);
  });

  it('queues a request without a callout as its Event and its message, and wakes the relay', async () => {
    const announced: OutboxMessage[][] = [];
    const stop = outbox.onCommitted((messages) => announced.push([...messages]));
    const correlationId = randomUUID();
    try {
      const { eventId, replayed } = await requests.request({
        provider: 'zuora',
        ref: 'A-S00000002',
        trigger: 'api',
        correlationId,
        source: 'gateway',
        now: NOW,
      });

      expect(replayed).toBe(false);
      // Handed over once committed, as the row holds it: the relay publishes it from this.
      expect(announced).toHaveLength(1);
      expect(announced[0]).toHaveLength(1);
      const events = await db.query(
        `SELECT status, ref, correlation_id FROM events WHERE id = $1`,
        [eventId],
      );
      expect(events).toEqual([
        { status: 'queued', ref: 'A-S00000002', correlation_id: correlationId },
      ]);
      const messages = await db.query(
        `SELECT topic, producer, payload->'data'->>'eventId' AS event_id,
                headers->>'correlation-id' AS correlation_id
           FROM outbox WHERE payload->'data'->>'eventId' = $1`,
        [eventId],
      );
      expect(messages).toEqual([
        {
          topic: 'sync.requested.v1',
          producer: 'gateway',
          event_id: eventId,
          correlation_id: correlationId,
        },
      ]);
      const [row] = await db.query<{ message_id: string; key: string; payload: unknown }[]>(
        `SELECT message_id, key, payload FROM outbox WHERE payload->'data'->>'eventId' = $1`,
        [eventId],
      );
      const [message] = announced[0]!;
      expect(message).toMatchObject({
        messageId: row!.message_id,
        topic: 'sync.requested.v1',
        key: row!.key,
        headers: { 'correlation-id': correlationId },
      });
      expect(JSON.parse(message!.payload)).toEqual(row!.payload);
    } finally {
      stop();
    }
  });

  it('writes the Event and its message together or not at all', async () => {
    const input = {
      provider: 'zuora' as const,
      ref: 'A-S00000003',
      trigger: 'api' as const,
      correlationId: randomUUID(),
      source: 'gateway',
      now: NOW,
    };
    const first = syncRequestRecords(input);
    await unitOfWork.queue(first.event, 'sync.requested.v1', [first.message]);
    // A second Event whose message reuses the first one's id: the outbox refuses it.
    const second = syncRequestRecords(input);

    await expect(
      unitOfWork.queue(second.event, 'sync.requested.v1', [first.message]),
    ).rejects.toThrow(/outbox/);

    const events = await db.query(`SELECT id FROM events WHERE id = ANY($1)`, [
      [first.event.id, second.event.id],
    ]);
    expect(events).toEqual([{ id: first.event.id }]);
  });
});
