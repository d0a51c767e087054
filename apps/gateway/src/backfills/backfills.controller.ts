import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiViewResponse } from '../docs/api-view-response.decorator';
import { BACKFILL_STATUSES } from '@subsync/domain';
import { type Caller, CurrentCaller } from '../auth/caller';
import { RequiresRole } from '../auth/requires-role.decorator';
import { correlationIdFrom } from '../sync/sync-request.params';
import type { BackfillView } from './backfill.view';
import { BackfillsService } from './backfills.service';

@ApiTags('Backfills')
@ApiBearerAuth()
@Controller('api/backfills')
export class BackfillsController {
  constructor(private readonly backfills: BackfillsService) {}

  @Post()
  @RequiresRole('operate')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start a backfill: sync every subscription of a provider, or those a filter picks',
    description:
      'Body `{"provider": "zuora"|"stripe", "filter": {…}}`. Zuora filter: `updatedSince` (ISO-8601), `accounts` (Zuora account ids). Stripe filter: `createdFrom`, `createdTo` (ISO-8601), `customers` (Stripe customer ids). An empty or missing filter takes every subscription. Answers 202 with the job; 400 naming the field when the body is invalid.',
  })
  @ApiViewResponse('BackfillView', 202, 'The job, as GET /api/backfills/{id} shows it')
  @ApiResponse({ status: 400, description: '{"message": "…"}: what is wrong with the body' })
  start(
    @Body() body: unknown,
    @CurrentCaller() caller: Caller,
    @Headers('x-correlation-id') correlationHeader: string | undefined,
  ): Promise<BackfillView> {
    return this.backfills.start(
      body,
      caller.kind === 'bearer' ? caller.subject : null,
      correlationIdFrom(correlationHeader),
    );
  }

  @Get()
  @RequiresRole('read')
  @ApiOperation({ summary: 'Backfill jobs, newest first' })
  @ApiQuery({ name: 'status', required: false, enum: BACKFILL_STATUSES })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 200, default 50' })
  @ApiViewResponse('BackfillList')
  list(@Query() query: { status?: string; limit?: string }): Promise<{ data: BackfillView[] }> {
    return this.backfills.list(query);
  }

  @Get(':id')
  @RequiresRole('read')
  @ApiOperation({
    summary: 'One backfill: its state, counts, throughput and estimated time left',
  })
  @ApiViewResponse('BackfillView')
  get(@Param('id') id: string): Promise<BackfillView> {
    return this.backfills.get(id);
  }

  @Post(':id/pause')
  @RequiresRole('operate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause a running backfill (queued syncs still run); 409 otherwise' })
  @ApiViewResponse('BackfillView')
  pause(@Param('id') id: string): Promise<BackfillView> {
    return this.backfills.act(id, 'pause');
  }

  @Post(':id/resume')
  @RequiresRole('operate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a paused backfill from its checkpoint; 409 otherwise' })
  @ApiViewResponse('BackfillView')
  resume(@Param('id') id: string): Promise<BackfillView> {
    return this.backfills.act(id, 'resume');
  }

  @Post(':id/cancel')
  @RequiresRole('operate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a backfill for good (queued syncs still run); 409 if it ended' })
  @ApiViewResponse('BackfillView')
  cancel(@Param('id') id: string): Promise<BackfillView> {
    return this.backfills.act(id, 'cancel');
  }
}
