import { Controller, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { GatewayConfig } from '@subsync/config';
import { GATEWAY_CONFIG } from '../gateway.tokens';
import { RequestSyncService } from './request-sync.service';
import { SyncCompletionWaiter } from './sync-completion.waiter';
import { correlationIdFrom, parseSubscriptionRef, prefersAsync } from './sync-request.params';
import { type SyncAnswer, syncAnswer } from './sync-response';

@ApiTags('Zuora Sync')
@ApiBearerAuth()
@Controller('api/plugins/zuora/sync/subscription')
export class ZuoraSyncController {
  constructor(
    private readonly requestSync: RequestSyncService,
    private readonly waiter: SyncCompletionWaiter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Post(':id')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'syncZuoraData',
    summary: 'Sync Zuora Subscription',
    description:
      'Refreshes a subscription from Zuora, or imports it (with its customer and owner identity) when the platform does not hold it yet.',
  })
  @ApiParam({
    name: 'id',
    description:
      'A platform id (sub-…), a reference, or a Zuora subscription number or id, e.g. A-S00000271',
  })
  @ApiHeader({
    name: 'Prefer',
    required: false,
    description: '`respond-async` answers 202 with the event id at once',
  })
  @ApiResponse({ status: 200, description: '{"success": true, "id": "sub-…", "owner": "id-…"}' })
  @ApiResponse({ status: 202, description: '{"eventId": "event-…", "status": "queued"}' })
  @ApiResponse({ status: 401, description: '{"message": "…"}: no valid bearer token' })
  @ApiResponse({
    status: 502,
    description: '{"message": "…"}: Zuora answered with an error or has no such subscription',
  })
  async sync(
    @Param('id') id: string,
    @Headers('prefer') prefer: string | undefined,
    @Headers('x-correlation-id') correlationHeader: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SyncAnswer> {
    const ref = parseSubscriptionRef(id);
    const eventId = await this.requestSync.request({
      provider: 'zuora',
      ref,
      trigger: 'api',
      correlationId: correlationIdFrom(correlationHeader),
    });
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
