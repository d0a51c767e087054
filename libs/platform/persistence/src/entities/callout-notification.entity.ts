import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A Zuora callout already accepted, keyed by its Zuora-Notification-Id (stable across retries). */
@Entity({ name: 'callout_notifications' })
export class CalloutNotificationEntity {
  @PrimaryColumn({ name: 'notification_id', type: 'text' })
  notificationId!: string;

  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
