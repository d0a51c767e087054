import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'zuora_catalog_mappings' })
export class ZuoraCatalogMappingEntity {
  @PrimaryColumn({ name: 'product_rate_plan_id', type: 'text' })
  productRatePlanId!: string;

  @Column({ name: 'offer_id', type: 'text' })
  offerId!: string;

  @Column({ name: 'offer_name', type: 'text' })
  offerName!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
