import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Put,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  type ZuoraCatalogMappingEntity,
  ZUORA_MAPPINGS,
  type ZuoraMappings,
} from '@subsync/persistence';
import { parseMappingBody, parseProductRatePlanId } from './zuora-mapping.schema';
import { RequiresRole } from '../auth/requires-role.decorator';

export interface ZuoraMappingView {
  productRatePlanId: string;
  offerId: string;
  offerName: string;
  updatedAt: string;
}

function toView(mapping: ZuoraCatalogMappingEntity): ZuoraMappingView {
  return {
    productRatePlanId: mapping.productRatePlanId,
    offerId: mapping.offerId,
    offerName: mapping.offerName,
    updatedAt: mapping.updatedAt.toISOString(),
  };
}

/**
 * The catalog mapping: which platform offer a Zuora product rate plan stands for. A sync shows
 * a mapped plan as that offer, with its quantities and prices; an unmapped one keeps Zuora's names.
 */
@ApiTags('Catalog')
@ApiBearerAuth()
@Controller('api/catalog/zuora-mappings')
export class ZuoraMappingsController {
  constructor(@Inject(ZUORA_MAPPINGS) private readonly mappings: ZuoraMappings) {}

  @Get()
  @RequiresRole('read')
  @ApiOperation({ summary: 'Every Zuora product rate plan mapped to a platform offer' })
  async list(): Promise<{ data: ZuoraMappingView[] }> {
    const rows = await this.mappings.list();
    return { data: rows.map(toView) };
  }

  @Get(':productRatePlanId')
  @RequiresRole('read')
  async get(@Param('productRatePlanId') raw: string): Promise<ZuoraMappingView> {
    return toView(await this.find(parseProductRatePlanId(raw)));
  }

  @Put(':productRatePlanId')
  @RequiresRole('administer')
  @ApiOperation({ summary: 'Map a Zuora product rate plan to a platform offer (201 when new)' })
  @ApiBody({
    schema: { example: { offerId: 'offer-digital-monthly', offerName: 'Digital Monthly' } },
  })
  async put(
    @Param('productRatePlanId') raw: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ZuoraMappingView> {
    const productRatePlanId = parseProductRatePlanId(raw);
    const { offerId, offerName } = parseMappingBody(body);
    const created = await this.mappings.put({ productRatePlanId, offerId, offerName });
    response.status(created ? 201 : 200);
    return toView(await this.find(productRatePlanId));
  }

  @Delete(':productRatePlanId')
  @RequiresRole('administer')
  @HttpCode(204)
  async remove(@Param('productRatePlanId') raw: string): Promise<void> {
    const productRatePlanId = parseProductRatePlanId(raw);
    if (!(await this.mappings.remove(productRatePlanId)))
      throw new NotFoundException(`No mapping for Zuora product rate plan '${productRatePlanId}'`);
  }

  private async find(productRatePlanId: string): Promise<ZuoraCatalogMappingEntity> {
    const mapping = await this.mappings.find(productRatePlanId);
    if (mapping === null)
      throw new NotFoundException(`No mapping for Zuora product rate plan '${productRatePlanId}'`);
    return mapping;
  }
}
