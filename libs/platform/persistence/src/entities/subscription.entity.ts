import type { Provider } from '@subsync/domain';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { SubscriptionStatus } from '@subsync/domain';

@Entity({ name: 'subscriptions' })
export class SubscriptionEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column('text', { unique: true })
  reference!: string;

  @Column('text')
  status!: SubscriptionStatus;

  @Column('text')
  source!: Provider;

  @Column({ name: 'term_start', type: 'date', nullable: true })
  termStart!: string | null;

  @Column({ name: 'term_end', type: 'date', nullable: true })
  termEnd!: string | null;

  @Column({ name: 'auto_renew', type: 'boolean' })
  autoRenew!: boolean;

  @Column({ name: 'owner_id', type: 'text' })
  ownerId!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  /** Created by a sync rather than by an order on the platform: commerce actions must refuse it. */
  @Column('boolean', { default: false })
  imported!: boolean;

  @Column({ name: 'zuora_subscription_number', type: 'text', nullable: true, unique: true })
  zuoraSubscriptionNumber!: string | null;

  @Column({ name: 'zuora_subscription_id', type: 'text', nullable: true })
  zuoraSubscriptionId!: string | null;

  @Column({ name: 'zuora_account_number', type: 'text', nullable: true })
  zuoraAccountNumber!: string | null;

  /** Zuora's subscription version last applied; an older snapshot never overwrites a newer one. */
  @Column({ name: 'zuora_version', type: 'integer', nullable: true })
  zuoraVersion!: number | null;

  @Column({ name: 'stripe_subscription_id', type: 'text', nullable: true, unique: true })
  stripeSubscriptionId!: string | null;

  @Column({ name: 'stripe_customer_id', type: 'text', nullable: true })
  stripeCustomerId!: string | null;

  @Column({ name: 'last_synced_at', type: 'timestamptz', nullable: true })
  lastSyncedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
