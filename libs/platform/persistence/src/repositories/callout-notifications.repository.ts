import type { EntityManager } from 'typeorm';
import { CalloutNotificationEntity } from '../entities/callout-notification.entity';

/**
 * Records that this notification is being synced as `eventId`. False when it already is, or
 * was synced or skipped: the primary key makes a concurrent duplicate wait for the first
 * transaction and then lose. A notification whose sync failed is claimed again, so Zuora's own
 * retries of the callout recover a transient failure.
 */
export async function claimCalloutNotification(
  manager: EntityManager,
  notificationId: string,
  eventId: string,
): Promise<boolean> {
  const rows: unknown = await manager.query(
    `INSERT INTO callout_notifications (notification_id, event_id) VALUES ($1, $2)
     ON CONFLICT (notification_id) DO UPDATE SET event_id = EXCLUDED.event_id, received_at = now()
       WHERE (SELECT status FROM events WHERE id = callout_notifications.event_id) = 'failed'
     RETURNING notification_id`,
    [notificationId, eventId],
  );
  return Array.isArray(rows) && rows.length === 1;
}

/** The Event the first delivery of this notification recorded. */
export async function eventOfCalloutNotification(
  manager: EntityManager,
  notificationId: string,
): Promise<string> {
  const row = await manager
    .getRepository(CalloutNotificationEntity)
    .findOneByOrFail({ notificationId });
  return row.eventId;
}
