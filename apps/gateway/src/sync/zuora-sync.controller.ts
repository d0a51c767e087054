import { Body, Controller, Headers, HttpCode, Logger, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBasicAuth,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AcceptsCalloutCredentials } from '../auth/accepts-callout-credentials.decorator';
import { type Caller, CurrentCaller } from '../auth/caller';
import { calloutContextFrom } from './callout/callout-context';
import { SyncResponder } from './sync-responder.service';
import { SyncRouteDocs } from './sync-route.docs';
import { callerTrigger, correlationIdFrom, parseSubscriptionRef } from './sync-request.params';
import type { SyncAnswer } from './sync-response';
import { RequiresRole } from '../auth/requires-role.decorator';

@ApiTags('Zuora Sync')
@ApiBearerAuth()
@Controller('api/plugins/zuora/sync/subscription')
export class ZuoraSyncController {
  private readonly logger = new Logger(ZuoraSyncController.name);

  constructor(private readonly responder: SyncResponder) {}

  @Post(':id')
  @RequiresRole('operate')
  @HttpCode(200)
  @AcceptsCalloutCredentials()
  @ApiBasicAuth()
  @ApiOperation({
    operationId: 'syncZuoraData',
    summary: 'Sync Zuora Subscription',
    description:
      'Refreshes a subscription from Zuora, or imports it (with its customer and owner identity) when the platform does not hold it yet. Zuora callouts call it too, with the callout Basic credentials and optional parameters (SubscriptionNumber, OrderNumber, OrderActionType, Source, CreatedById) as a JSON object or legacy XML; a change the platform made itself is acknowledged and skipped.',
  })
  @ApiParam({
    name: 'id',
    description:
      'A platform id (sub-…), a reference, or a Zuora subscription number or id, e.g. A-S00000271. It is what gets synced, even when a callout names another SubscriptionNumber.',
  })
  @ApiConsumes('application/json', 'application/xml', 'text/xml')
  @ApiBody({
    required: false,
    description:
      'Callout parameters: `{"OrderNumber": "O-…", "Source": "…", "CreatedById": "…"}`, or `<callout><parameter name="OrderNumber">O-…</parameter></callout>`',
  })
  @SyncRouteDocs({
    ok: '{"success": true, "id": "sub-…", "owner": "id-…"}, or {"success": true, "skipped": true, "reason": "…"} for a callout about an order the platform started',
  })
  @ApiHeader({
    name: 'Zuora-Notification-Id',
    required: false,
    description: 'A retried callout with the same id is answered with the first delivery’s outcome',
  })
  @ApiResponse({ status: 400, description: '{"message": "…"}: malformed callout body' })
  @ApiResponse({
    status: 401,
    description:
      '{"message": "…"}: no valid bearer token or callout credentials; carries WWW-Authenticate: Basic realm="subsync"',
  })
  @ApiResponse({
    status: 502,
    description: '{"message": "…"}: Zuora answered with an error or has no such subscription',
  })
  async sync(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: Request,
    @CurrentCaller() caller: Caller,
    @Headers('prefer') prefer: string | undefined,
    @Headers('x-correlation-id') correlationHeader: string | undefined,
    @Headers('x-sync-trigger') triggerHeader: string | undefined,
    @Headers('zuora-notification-id') notificationId: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SyncAnswer> {
    const ref = parseSubscriptionRef(id);
    const callout = calloutContextFrom({
      caller,
      body,
      contentType: request.headers['content-type'],
      hasContent: hasContent(request),
      notificationId,
    });
    const named = callout?.subscriptionNumber;
    if (named !== undefined && named !== ref) {
      // The path is what Zuora's URL template resolved for this subscription: it wins.
      this.logger.warn(`Callout for ${ref} names SubscriptionNumber ${named}; syncing ${ref}`);
    }
    return this.responder.respond(
      {
        provider: 'zuora',
        ref,
        trigger: callout === null ? callerTrigger(triggerHeader) : 'callout',
        correlationId: correlationIdFrom(correlationHeader),
        ...(callout === null ? {} : { callout }),
      },
      prefer,
      response,
    );
  }
}

function hasContent(request: Request): boolean {
  const length = Number(request.headers['content-length'] ?? 0);
  return length > 0 || request.headers['transfer-encoding'] !== undefined;
}
