import type { Provider } from '@subsync/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'payment_methods' })
export class PaymentMethodEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @Column({ name: 'subscription_id', type: 'text', nullable: true })
  subscriptionId!: string | null;

  @Column('text') service!: Provider;
  @Column({ name: 'external_id', type: 'text' }) externalId!: string;
  @Column('text', { nullable: true }) brand!: string | null;
  @Column('text', { nullable: true }) last4!: string | null;
  @Column({ name: 'exp_month', type: 'integer', nullable: true }) expMonth!: number | null;
  @Column({ name: 'exp_year', type: 'integer', nullable: true }) expYear!: number | null;
  @Column({ name: 'is_default', type: 'boolean', default: false }) isDefault!: boolean;
}
