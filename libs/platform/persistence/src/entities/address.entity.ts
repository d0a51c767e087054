import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

@Entity({ name: 'addresses' })
@Unique(['subscriptionId', 'type'])
export class AddressEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column({ name: 'subscription_id', type: 'text' })
  subscriptionId!: string;

  @Column('text')
  type!: 'billing' | 'shipping';

  @Column('text', { nullable: true }) line1!: string | null;
  @Column('text', { nullable: true }) line2!: string | null;
  @Column('text', { nullable: true }) city!: string | null;
  @Column('text', { nullable: true }) state!: string | null;
  @Column({ name: 'postal_code', type: 'text', nullable: true }) postalCode!: string | null;
  @Column('text', { nullable: true }) country!: string | null;
}
