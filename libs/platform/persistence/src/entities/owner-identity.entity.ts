import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The platform identity that owns subscriptions (`id-…`), tied to one customer. */
@Entity({ name: 'owner_identities' })
export class OwnerIdentityEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column({ name: 'customer_id', type: 'text' })
  customerId!: string;

  /** Who vouches for the identity: an identity provider's issuer, or `zuora` for imports. */
  @Column('text')
  issuer!: string;

  @Column('text')
  subject!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
