import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { GatewayConfig } from '@subsync/config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { RequestSyncService, type SyncRequestInput } from './request-sync.service';
import { SyncCompletionWaiter } from './sync-completion.waiter';
import { prefersAsync } from './sync-request.params';
import { type SyncAnswer, syncAnswer } from './sync-response';

/**
 * The part every sync route shares: queue the sync, then answer at once (`Prefer:
 * respond-async`), with a retried callout's earlier outcome, or once the outcome is known.
 */
@Injectable()
export class SyncResponder {
  constructor(
    private readonly requestSync: RequestSyncService,
    private readonly waiter: SyncCompletionWaiter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async respond(
    input: SyncRequestInput,
    prefer: string | undefined,
    response: Response,
  ): Promise<SyncAnswer> {
    const { eventId, replayed } = await this.requestSync.request(input);
    const settled = replayed ? await this.waiter.settled(eventId) : null;
    if (settled !== null) return syncAnswer(response, eventId, settled);
    if (prefersAsync(prefer)) {
      response.setHeader('Preference-Applied', 'respond-async');
      return syncAnswer(response, eventId, null);
    }
    return syncAnswer(
      response,
      eventId,
      await this.waiter.wait(eventId, this.config.syncWaitTimeoutMs),
    );
  }
}
