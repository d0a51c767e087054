import {
  Controller,
  Get,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiViewResponse } from '../docs/api-view-response.decorator';
import { DataSource } from 'typeorm';
import { SyncEventEntity } from '@subsync/persistence';
import { correlationIdFrom } from '../sync/sync-request.params';
import { EVENT_STATUSES, EVENT_TYPES } from '@subsync/domain';
import { EVENT_PROVIDERS, type EventFilters, EventListQuery } from './event-list.query';
import { type ReplayAnswer, EventReplayService } from './event-replay.service';
import { type EventDetailView, type EventView, toEventDetailView } from './event.view';
import { RequiresRole } from '../auth/requires-role.decorator';

@ApiTags('Events')
@ApiBearerAuth()
@Controller('api/events')
export class EventsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly listQuery: EventListQuery,
    private readonly replays: EventReplayService,
  ) {}

  @Get()
  @RequiresRole('read')
  @ApiOperation({ summary: 'The Events log, newest first' })
  @ApiQuery({
    name: 'subscription',
    required: false,
    description: 'Any id of the subscription: sub-…, reference, Zuora number or id, sub_…',
  })
  @ApiQuery({ name: 'type', required: false, enum: EVENT_TYPES })
  @ApiQuery({ name: 'status', required: false, enum: EVENT_STATUSES })
  @ApiQuery({ name: 'provider', required: false, enum: EVENT_PROVIDERS })
  @ApiQuery({
    name: 'backfill',
    required: false,
    description: 'A backfill job id (backfill-…): only the Events that job queued',
  })
  @ApiQuery({ name: 'from', required: false, description: 'ISO-8601 instant, inclusive' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO-8601 instant, exclusive' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 200, default 50' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiViewResponse('EventPage')
  list(@Query() filters: EventFilters): Promise<{ data: EventView[]; nextCursor: string | null }> {
    return this.listQuery.list(filters);
  }

  @Get(':id')
  @RequiresRole('read')
  @ApiOperation({
    summary: 'One Event: the request, the field changes, the upstream error and the timing',
  })
  @ApiViewResponse('EventDetailView')
  @ApiResponse({ status: 404, description: '{"message": "…"}: no such Event' })
  async get(@Param('id') id: string): Promise<EventDetailView> {
    const events = this.dataSource.getRepository(SyncEventEntity);
    const event = await events.findOneBy({ id });
    if (event === null) throw new NotFoundException(`No event '${id.slice(0, 80)}'`);
    const replays = await events.find({
      where: { replayOf: id },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return toEventDetailView(event, replays);
  }

  @Post(':id/replay')
  @RequiresRole('operate')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Run a failed sync again as a new Event linked to this one',
    description:
      'Replays the recorded request, including a dead-lettered sync.requested.v1 message. Answers 409 when the Event did not fail, is being replayed already, or holds nothing that could succeed on a replay.',
  })
  @ApiViewResponse('ReplayAnswer', 202, 'Queued: the new Event replays this one')
  @ApiResponse({ status: 404, description: '{"message": "…"}: no such Event' })
  @ApiResponse({ status: 409, description: '{"message": "…"}: why it cannot be replayed' })
  replay(
    @Param('id') id: string,
    @Headers('x-correlation-id') correlationHeader: string | undefined,
  ): Promise<ReplayAnswer> {
    return this.replays.replay(id, correlationIdFrom(correlationHeader));
  }
}
