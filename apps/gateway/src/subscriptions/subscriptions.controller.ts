import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SubscriptionViewQuery } from './subscription-view.query';
import type { SubscriptionView } from './subscription.view';

@ApiTags('Subscriptions')
@ApiBearerAuth()
@Controller('api/subscriptions')
export class SubscriptionsController {
  constructor(private readonly query: SubscriptionViewQuery) {}

  @Get(':id')
  @ApiOperation({
    summary:
      'A subscription by platform id, reference, Zuora subscription number or Stripe subscription id',
  })
  @ApiResponse({ status: 200, description: 'The subscription read model' })
  @ApiResponse({ status: 404, description: '{"message": "…"}' })
  async get(@Param('id') id: string): Promise<SubscriptionView> {
    const view = await this.query.find(id.trim());
    if (view === null) throw new NotFoundException(`No subscription '${id.slice(0, 80)}'`);
    return view;
  }
}
