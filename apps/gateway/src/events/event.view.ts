import type { FieldChange } from '@subsync/domain';
import type { SyncEventEntity } from '@subsync/persistence';

export interface EventView {
  id: string;
  type: string;
  provider: string;
  ref: string;
  trigger: string;
  status: string;
  subscriptionId: string | null;
  reason: string | null;
  changes: FieldChange[];
  createdAt: string;
  completedAt: string | null;
}

export function toEventView(event: SyncEventEntity): EventView {
  return {
    id: event.id,
    type: event.type,
    provider: event.provider,
    ref: event.ref,
    trigger: event.trigger,
    status: event.status,
    subscriptionId: event.subscriptionId,
    reason: event.reason,
    changes: event.changes,
    createdAt: event.createdAt.toISOString(),
    completedAt: event.completedAt?.toISOString() ?? null,
  };
}
