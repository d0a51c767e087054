import {
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiViewResponse } from '../docs/api-view-response.decorator';
import {
  EVENT_LIST_QUERY,
  type EventListQuery,
  SYNC_EVENT_READS,
  type SyncEventReads,
} from '@subsync/persistence';
import { correlationIdFrom } from '../sync/sync-request.params';
import { EVENT_STATUSES, EVENT_TYPES } from '@subsync/domain';
import {
  encodeCursor,
  EVENT_PROVIDERS,
  type EventFilters,
  parseEventFilters,
} from './event-list.params';
import { type ReplayAnswer, EventReplayService } from './event-replay.service';
import { type EventDetailView, type EventView, toEventDetailView, toEventView } from './event.view';
import { RequiresRole } from '../auth/requires-role.decorator';

@ApiTags('Events')
@ApiBearerAuth()
@Controller('api/events')
export class EventsController {
  constructor(
    @Inject(SYNC_EVENT_READS) private readonly events: SyncEventReads,
    @Inject(EVENT_LIST_QUERY) private readonly listQuery: EventListQuery,
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
  async list(
    @Query() filters: EventFilters,
  ): Promise<{ data: EventView[]; nextCursor: string | null }> {
    const { events, more } = await this.listQuery.list(parseEventFilters(filters));
    const last = events.at(-1);
    return {
      data: events.map(toEventView),
      nextCursor: more && last !== undefined ? encodeCursor(last) : null,
    };
  }

  @Get(':id')
  @RequiresRole('read')
  @ApiOperation({
    summary: 'One Event: the request, the field changes, the upstream error and the timing',
  })
  @ApiViewResponse('EventDetailView')
  @ApiResponse({ status: 404, description: '{"message": "…"}: no such Event' })
  async get(@Param('id') id: string): Promise<EventDetailView> {
    const event = await this.events.find(id);
    if (event === null) throw new NotFoundException(`No event '${id.slice(0, 80)}'`);
    return toEventDetailView(event, await this.events.replaysOf(id));
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
