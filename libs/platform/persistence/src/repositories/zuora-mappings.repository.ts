import type { DataSource } from 'typeorm';
import { ZuoraCatalogMappingEntity } from '../entities/zuora-catalog-mapping.entity';

/** The catalog mapping the operator edits: which platform offer a Zuora rate plan stands for. */
export interface ZuoraMappings {
  /** Every mapping, by product rate plan id. */
  list(): Promise<ZuoraCatalogMappingEntity[]>;
  find(productRatePlanId: string): Promise<ZuoraCatalogMappingEntity | null>;
  /** Creates or replaces the mapping; true when it is new. */
  put(
    mapping: Pick<ZuoraCatalogMappingEntity, 'productRatePlanId' | 'offerId' | 'offerName'>,
  ): Promise<boolean>;
  /** False when there was no such mapping. */
  remove(productRatePlanId: string): Promise<boolean>;
}

export class ZuoraMappingsTypeOrm implements ZuoraMappings {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<ZuoraCatalogMappingEntity[]> {
    return this.repository().find({ order: { productRatePlanId: 'ASC' } });
  }

  find(productRatePlanId: string): Promise<ZuoraCatalogMappingEntity | null> {
    return this.repository().findOneBy({ productRatePlanId });
  }

  async put(
    mapping: Pick<ZuoraCatalogMappingEntity, 'productRatePlanId' | 'offerId' | 'offerName'>,
  ): Promise<boolean> {
    const { productRatePlanId } = mapping;
    const existed = await this.repository().existsBy({ productRatePlanId });
    await this.repository().upsert(mapping, ['productRatePlanId']);
    return !existed;
  }

  async remove(productRatePlanId: string): Promise<boolean> {
    const { affected } = await this.repository().delete({ productRatePlanId });
    return Boolean(affected);
  }

  private repository() {
    return this.dataSource.getRepository(ZuoraCatalogMappingEntity);
  }
}
