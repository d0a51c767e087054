import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@subsync/messaging';
import {
  type RequestedSync,
  SYNC_REQUESTS,
  type SyncRequestInput,
  type SyncRequests,
} from '@subsync/sync';

export type { RequestedSync, SyncRequestInput } from '@subsync/sync';

/**
 * Queues a sync for the gateway (a queued Event and `sync.requested.v1`, in one transaction).
 * A retried callout is answered from its first delivery's Event (see SyncRequestsInUnitOfWork).
 */
@Injectable()
export class RequestSyncService {
  constructor(
    @Inject(SYNC_REQUESTS) private readonly requests: SyncRequests,
    private readonly clock: Clock,
  ) {}

  request(input: SyncRequestInput): Promise<RequestedSync> {
    return this.requests.request({ ...input, source: 'gateway', now: this.clock.now() });
  }
}
