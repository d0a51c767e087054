import type { EntityManager } from 'typeorm';
import { newPlatformId } from '@subsync/domain';
import { type AccountService, CustomerAccountEntity } from '../entities/customer-account.entity';
import { CustomerEntity } from '../entities/customer.entity';
import { OwnerIdentityEntity } from '../entities/owner-identity.entity';

export interface Owner {
  customerId: string;
  ownerId: string;
}

/**
 * The customer and owner identity behind a billing account (a Zuora account number, a Stripe
 * customer id): every subscription of one account shares them. Created on first sight, with
 * `contact` as the new customer's name and email.
 */
export async function findOrCreateOwner(
  manager: EntityManager,
  account: { service: 'zuora' | 'stripe'; id: string },
  contact: { name: string | null; email: string | null } = { name: null, email: null },
): Promise<Owner> {
  const identity = await manager
    .getRepository(OwnerIdentityEntity)
    .findOneBy({ issuer: account.service, subject: account.id });
  if (identity !== null) return { customerId: identity.customerId, ownerId: identity.id };

  const linked = await manager
    .getRepository(CustomerAccountEntity)
    .findOneBy({ service: account.service, externalId: account.id });
  const customerId = linked?.customerId ?? newPlatformId('cus');
  if (linked === null) {
    await manager.getRepository(CustomerEntity).insert({ id: customerId, ...contact });
  }
  const ownerId = newPlatformId('id');
  await manager
    .getRepository(OwnerIdentityEntity)
    .insert({ id: ownerId, customerId, issuer: account.service, subject: account.id });
  return { customerId, ownerId };
}

/** Records the customer's accounts in other systems; ones already recorded are left as they are. */
export async function linkCustomerAccounts(
  manager: EntityManager,
  customerId: string,
  accounts: { service: AccountService; id: string }[],
): Promise<void> {
  if (accounts.length === 0) return;
  await manager
    .createQueryBuilder()
    .insert()
    .into(CustomerAccountEntity)
    .values(accounts.map(({ service, id }) => ({ service, externalId: id, customerId })))
    .orIgnore()
    .execute();
}
