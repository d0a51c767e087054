import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresRole } from '../auth/requires-role.decorator';
import { ApiViewResponse } from '../docs/api-view-response.decorator';
import { providerList, type ProviderList } from './provider.view';

@ApiTags('Subscriptions')
@ApiBearerAuth()
@Controller('api/providers')
export class ProvidersController {
  @Get()
  @RequiresRole('read')
  @ApiOperation({
    summary: 'The billing systems subsync syncs from, with the shape of their subscription ids',
    description:
      'Each provider has a sync route, `POST /api/plugins/{id}/sync/subscription/{subscriptionId}`.',
  })
  @ApiViewResponse('ProviderList')
  list(): ProviderList {
    return providerList();
  }
}
