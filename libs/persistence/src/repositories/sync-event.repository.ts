import type { EntityManager } from 'typeorm';
import type { FieldChange } from '@subsync/domain';
import { SyncEventEntity, type SyncEventStatus } from '../entities/sync-event.entity';

export interface QueuedSyncEvent {
  id: string;
  type: SyncEventEntity['type'];
  provider: SyncEventEntity['provider'];
  ref: string;
  trigger: string;
  correlationId: string;
  createdAt: Date;
}

export interface SyncEventResult {
  status: Exclude<SyncEventStatus, 'queued'>;
  subscriptionId: string | null;
  ownerId: string | null;
  changes: FieldChange[];
  reason: string | null;
  errorCode: string | null;
  completedAt: Date;
}

export async function insertQueuedEvent(
  manager: EntityManager,
  event: QueuedSyncEvent,
): Promise<void> {
  await manager.getRepository(SyncEventEntity).insert({
    ...event,
    status: 'queued',
    subscriptionId: null,
    ownerId: null,
    reason: null,
    errorCode: null,
    changes: [],
    completedAt: null,
  });
}

/**
 * Records how a sync ended. The event usually exists already (the gateway queued it); one
 * requested straight on Kafka by an upstream system gets its event here.
 */
export async function completeEvent(
  manager: EntityManager,
  event: QueuedSyncEvent,
  result: SyncEventResult,
): Promise<void> {
  await manager.query(
    `INSERT INTO events (id, type, provider, ref, trigger, correlation_id, created_at,
                         status, subscription_id, owner_id, changes, reason, error_code, completed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, subscription_id = EXCLUDED.subscription_id,
       owner_id = EXCLUDED.owner_id, changes = EXCLUDED.changes, reason = EXCLUDED.reason,
       error_code = EXCLUDED.error_code, completed_at = EXCLUDED.completed_at`,
    [
      event.id,
      event.type,
      event.provider,
      event.ref,
      event.trigger,
      event.correlationId,
      event.createdAt,
      result.status,
      result.subscriptionId,
      result.ownerId,
      JSON.stringify(result.changes),
      result.reason,
      result.errorCode,
      result.completedAt,
    ],
  );
}
