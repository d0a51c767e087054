import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiViewResponse } from '../docs/api-view-response.decorator';
import {
  SUBSCRIPTION_LIST_QUERY,
  SUBSCRIPTION_VIEW_QUERY,
  type SubscriptionListQuery,
  type SubscriptionViewQuery,
} from '@subsync/persistence';
import { parsePageLimit } from '../http/page-limit';
import type { SubscriptionListParams, SubscriptionSummaryView } from './subscription-summary.view';
import { toSubscriptionView } from './subscription-view.mapper';
import type { SubscriptionView } from './subscription.view';
import { RequiresRole } from '../auth/requires-role.decorator';

@ApiTags('Subscriptions')
@ApiBearerAuth()
@Controller('api/subscriptions')
export class SubscriptionsController {
  constructor(
    @Inject(SUBSCRIPTION_VIEW_QUERY) private readonly query: SubscriptionViewQuery,
    @Inject(SUBSCRIPTION_LIST_QUERY) private readonly listQuery: SubscriptionListQuery,
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
  async list(
    @Query() params: SubscriptionListParams,
  ): Promise<{ data: SubscriptionSummaryView[]; nextCursor: string | null }> {
    const limit = parsePageLimit(params.limit);
    const search = params.search?.trim() ?? '';
    if (search.length > 200) throw new BadRequestException('search must be at most 200 characters');
    const page = await this.listQuery.list({
      search,
      limit,
      ...(params.cursor === undefined ? {} : { cursor: params.cursor }),
    });
    if (page === null) throw new BadRequestException('cursor is not one this API returned');
    return page;
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
    const details = await this.query.find(id.trim());
    if (details === null) throw new NotFoundException(`No subscription '${id.slice(0, 80)}'`);
    return toSubscriptionView(details);
  }
}
