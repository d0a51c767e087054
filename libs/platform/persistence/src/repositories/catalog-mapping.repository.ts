import type { EntityManager } from 'typeorm';
import type { CatalogOffer } from '@subsync/domain';
import { ZuoraCatalogMappingEntity } from '../entities/zuora-catalog-mapping.entity';

/** The catalog mappings of the given Zuora product rate plans, keyed by product rate plan id. */
export async function loadCatalogMappings(
  manager: EntityManager,
  productRatePlanIds: string[],
): Promise<Map<string, CatalogOffer>> {
  if (productRatePlanIds.length === 0) return new Map();
  const rows = await manager
    .getRepository(ZuoraCatalogMappingEntity)
    .createQueryBuilder('m')
    .where('m.product_rate_plan_id IN (:...ids)', { ids: [...new Set(productRatePlanIds)] })
    .getMany();
  return new Map(
    rows.map((row) => [row.productRatePlanId, { offerId: row.offerId, offerName: row.offerName }]),
  );
}
