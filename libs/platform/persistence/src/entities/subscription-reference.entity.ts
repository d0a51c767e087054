import type { Provider } from '@subsync/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What a reference names: `subscription` is the provider's key of the subscription (unique within
 * the provider), `subscription-alias` another id of it, `account` the billing account it is in.
 */
export type SubscriptionReferenceKind = 'subscription' | 'subscription-alias' | 'account';

/** One id of a subscription in the system that bills it (a Zuora number, a Stripe id…). */
@Entity({ name: 'subscription_references' })
export class SubscriptionReferenceEntity {
  @PrimaryColumn({ name: 'subscription_id', type: 'text' })
  subscriptionId!: string;

  @PrimaryColumn('text')
  provider!: Provider;

  @PrimaryColumn('text')
  kind!: SubscriptionReferenceKind;

  @Column('text')
  value!: string;
}
