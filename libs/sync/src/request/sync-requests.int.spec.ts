import { randomUUID } from 'node:crypto';
import { InboxTypeOrm, OutboxTypeOrm } from '@subsync/messaging';
import { createDataSource, runMigrations, SyncUnitOfWorkTypeOrm } from '@subsync/persistence';
import { createTestDatabase } from '@subsync/testkit';
import { SyncRequestsInUnitOfWork } from './sync-requests';

const NOW = new Date('2026-12-01T09:00:00Z');

describe('SyncRequestsInUnitOfWork against PostgreSQL', () => {
  let db: ReturnType<typeof createDataSource>;
  let requests: SyncRequestsInUnitOfWork;

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
    requests = new SyncRequestsInUnitOfWork(
      new SyncUnitOfWorkTypeOrm(db, new InboxTypeOrm('gateway'), new OutboxTypeOrm('gateway')),
    );
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
});
