import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiViewResponse } from '../docs/api-view-response.decorator';
import {
  type SubscriptionListFilters,
  SubscriptionListQuery,
  type SubscriptionSummaryView,
} from './subscription-list.query';
import { SubscriptionViewQuery } from './subscription-view.query';
import type { SubscriptionView } from './subscription.view';
import { RequiresRole } from '../auth/requires-role.decorator';

@ApiTags('Subscriptions')
@ApiBearerAuth()
@Controller('api/subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly query: SubscriptionViewQuery,
    private readonly listQuery: SubscriptionListQuery,
  ) {}

  @Get()
  @RequiresRole('read')
  @ApiOperation({ summary: 'Subscriptions, newest first, optionally narrowed by a search' })
  @ApiQuery({
    name: 'search',
    required: false,
    description: 'Part of an id, reference, Zuora number, Stripe id, or the customer name or email',
  })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 200, default 50' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiViewResponse('SubscriptionPage')
  list(
    @Query() filters: SubscriptionListFilters,
  ): Promise<{ data: SubscriptionSummaryView[]; nextCursor: string | null }> {
    return this.listQuery.list(filters);
  }

  @Get(':id')
  @RequiresRole('read')
  @ApiOperation({
    summary:
      'A subscription by platform id, reference, Zuora subscription number or Stripe subscription id',
  })
  @ApiViewResponse('SubscriptionView', 200, 'The subscription read model')
  @ApiResponse({ status: 404, description: '{"message": "…"}' })
  async get(@Param('id') id: string): Promise<SubscriptionView> {
    const view = await this.query.find(id.trim());
    if (view === null) throw new NotFoundException(`No subscription '${id.slice(0, 80)}'`);
    return view;
  }
}
