import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { SyncEventEntity } from '@subsync/persistence';
import { type EventFilters, EventListQuery } from './event-list.query';
import { type EventView, toEventView } from './event.view';

@ApiTags('Events')
@ApiBearerAuth()
@Controller('api/events')
export class EventsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly listQuery: EventListQuery,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The Events log, newest first' })
  @ApiQuery({ name: 'subscription', required: false })
  @ApiQuery({ name: 'type', required: false, enum: ['sync', 'hot-sync', 'callout'] })
  @ApiQuery({ name: 'status', required: false, enum: ['queued', 'succeeded', 'failed', 'skipped'] })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  list(@Query() filters: EventFilters): Promise<{ data: EventView[]; nextCursor: string | null }> {
    return this.listQuery.list(filters);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One Event: what a sync did, or why it failed or was skipped' })
  async get(@Param('id') id: string): Promise<EventView> {
    const event = await this.dataSource.getRepository(SyncEventEntity).findOneBy({ id });
    if (event === null) throw new NotFoundException(`No event '${id.slice(0, 80)}'`);
    return toEventView(event);
  }
}
