import type { OfferCharge } from '@subsync/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'subscription_offers' })
export class SubscriptionOfferEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column({ name: 'subscription_id', type: 'text' })
  subscriptionId!: string;

  /** The upstream rate plan this offer reflects, stable across subscription versions. */
  @Column({ name: 'source_key', type: 'text' })
  sourceKey!: string;

  @Column('text') name!: string;
  @Column({ name: 'offer_id', type: 'text', nullable: true }) offerId!: string | null;
  @Column('boolean') mapped!: boolean;
  @Column({ name: 'product_name', type: 'text', nullable: true }) productName!: string | null;
  @Column({ name: 'rate_plan_name', type: 'text', nullable: true }) ratePlanName!: string | null;
  @Column({ name: 'product_rate_plan_id', type: 'text', nullable: true }) productRatePlanId!:
    string | null;
  @Column('jsonb') charges!: OfferCharge[];
  @Column({ name: 'start_date', type: 'date', nullable: true }) start!: string | null;
  @Column({ name: 'end_date', type: 'date', nullable: true }) end!: string | null;
}
