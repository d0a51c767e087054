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

  /** The version of the upstream snapshot last applied, for a provider that versions them. */
  @Column({ name: 'upstream_version', type: 'integer', nullable: true })
  upstreamVersion!: number | null;

  @Column({ name: 'last_synced_at', type: 'timestamptz', nullable: true })
  lastSyncedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
