import { Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { callerTrigger, correlationIdFrom, parseSubscriptionRef } from './sync-request.params';
import { SyncResponder } from './sync-responder.service';
import { SyncRouteDocs } from './sync-route.docs';
import type { SyncAnswer } from './sync-response';
import { RequiresRole } from '../auth/requires-role.decorator';

@ApiTags('Stripe Sync')
@ApiBearerAuth()
@Controller('api/plugins/stripe/sync/subscription')
export class StripeSyncController {
  constructor(private readonly responder: SyncResponder) {}

  @Post(':id')
  @RequiresRole('operate')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'syncStripeData',
    summary: 'Sync Stripe Subscription',
    description:
      'Refreshes a subscription from Stripe: status and term dates, the payment schedule from paid and upcoming invoices, and the card on file. Addresses, name and email are not touched. A Stripe subscription id (sub_…) the platform does not hold yet is imported.',
  })
  @ApiParam({
    name: 'id',
    description:
      'A platform subscription id (sub-…) linked to Stripe, or a Stripe subscription id (sub_…)',
  })
  @SyncRouteDocs()
  @ApiResponse({ status: 401, description: '{"message": "…"}: no valid bearer token' })
  @ApiResponse({
    status: 502,
    description: '{"message": "…"}: Stripe answered with an error or has no such subscription',
  })
  sync(
    @Param('id') id: string,
    @Headers('prefer') prefer: string | undefined,
    @Headers('x-correlation-id') correlationHeader: string | undefined,
    @Headers('x-sync-trigger') triggerHeader: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SyncAnswer> {
    return this.responder.respond(
      {
        provider: 'stripe',
        ref: parseSubscriptionRef(id),
        trigger: callerTrigger(triggerHeader),
        correlationId: correlationIdFrom(correlationHeader),
      },
      prefer,
      response,
    );
  }
}
