import type { Provider } from '@subsync/domain';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CustomerEntity } from './customer.entity';

/** A provider, or the platform's CRM, whose account a customer has. */
export type AccountService = Provider | 'salesforce';

/** The customer's account in another system: a Zuora account number, a Stripe customer id… */
@Entity({ name: 'customer_accounts' })
export class CustomerAccountEntity {
  @PrimaryColumn('text')
  service!: AccountService;

  @PrimaryColumn({ name: 'external_id', type: 'text' })
  externalId!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  @ManyToOne(() => CustomerEntity, (customer) => customer.accounts, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: CustomerEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
