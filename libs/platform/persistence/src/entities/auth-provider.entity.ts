import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { IdentityClaimConfig } from '@subsync/domain';

/** An identity provider whose ID tokens `POST /api/identity/login` accepts. */
@Entity({ name: 'auth_providers' })
export class AuthProviderEntity {
  @PrimaryColumn('text')
  id!: string;

  @Column('text', { unique: true })
  issuer!: string;

  @Column({ name: 'jwks_url', type: 'text', nullable: true })
  jwksUrl!: string | null;

  /** HS256 shared secret, when the provider has no JWKS; sealed (`v1:…`, see SecretSealer). */
  @Column('text', { nullable: true })
  secret!: string | null;

  @Column('text', { nullable: true })
  audience!: string | null;

  @Column({ name: 'identity_claims', type: 'jsonb' })
  identityClaims!: IdentityClaimConfig[];

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
