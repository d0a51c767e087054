import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiViewResponse } from '../docs/api-view-response.decorator';
import { Clock } from '@subsync/messaging';
import { RequiresRole } from '../auth/requires-role.decorator';
import { overviewSeries } from './overview-series';
import type { OverviewView } from './overview.view';
import { OVERVIEW_DEFAULT_MINUTES, OVERVIEW_MAX_MINUTES, overviewWindow } from './overview-window';
import { OVERVIEW_QUERY, type OverviewQuery } from '@subsync/persistence';

@ApiTags('Operations')
@ApiBearerAuth()
@Controller('api/overview')
export class OverviewController {
  constructor(
    @Inject(OVERVIEW_QUERY) private readonly query: OverviewQuery,
    private readonly clock: Clock,
  ) {}

  @Get()
  @RequiresRole('read')
  @ApiOperation({
    summary: "The console overview's time series, from every service's stored metric samples",
    description:
      'Syncs per minute by outcome, coalesced requests, dead letters, upstream requests, 429s and latency (mean, p95), consumer lag and outbox backlog, per slot of the window, summed over every process of every service.',
  })
  @ApiQuery({
    name: 'minutes',
    required: false,
    description: `how far back, 5 to ${OVERVIEW_MAX_MINUTES}; default ${OVERVIEW_DEFAULT_MINUTES}`,
  })
  @ApiResponse({ status: 400, description: '{"message": "…"}: minutes out of range' })
  @ApiViewResponse('OverviewView')
  async overview(@Query('minutes') minutes: unknown): Promise<OverviewView> {
    const window = overviewWindow(minutes, this.clock.now());
    const { rows, buckets } = await this.query.read(window);
    return overviewSeries(window, rows, buckets);
  }
}
