import { In, IsNull, type EntityManager } from 'typeorm';
import { type CustomerCard, newPlatformId } from '@subsync/domain';
import { PaymentMethodEntity } from '../entities/payment-method.entity';

type CardService = PaymentMethodEntity['service'];

/**
 * The cards a customer's billing account holds in one billing system (rows not tied to a
 * subscription). A row missing a brand or expiry is not a card and is left out; `last4` may be
 * null (a gateway-tokenised card).
 */
export async function loadCustomerCards(
  manager: EntityManager,
  customerId: string,
  service: CardService,
): Promise<CustomerCard[]> {
  const rows = await manager
    .getRepository(PaymentMethodEntity)
    .find({ where: { customerId, service, subscriptionId: IsNull() }, order: { id: 'ASC' } });
  return rows.flatMap((row): CustomerCard[] =>
    row.brand === null || row.expMonth === null || row.expYear === null
      ? []
      : [
          {
            externalId: row.externalId,
            brand: row.brand,
            last4: row.last4,
            expMonth: row.expMonth,
            expYear: row.expYear,
            isDefault: row.isDefault,
          },
        ],
  );
}

/**
 * Makes `cards` the customer's cards in `service`: each is inserted or updated by its upstream
 * id, and the customer's other account-level rows of that service (gone upstream) are removed.
 */
export async function saveCustomerCards(
  manager: EntityManager,
  target: { customerId: string; service: CardService },
  cards: CustomerCard[],
): Promise<void> {
  const repository = manager.getRepository(PaymentMethodEntity);
  const { customerId, service } = target;
  const keep = new Set(cards.map((card) => card.externalId));
  const existing = await repository.findBy({ customerId, service, subscriptionId: IsNull() });
  const stale = existing.filter((row) => !keep.has(row.externalId));
  if (stale.length > 0) await repository.delete(stale.map((row) => row.id));
  if (cards.length === 0) return;

  const known = await repository.findBy({ service, externalId: In([...keep]) });
  const idOf = new Map(known.map((row) => [row.externalId, row.id]));
  await repository.save(
    cards.map((card) => ({
      id: idOf.get(card.externalId) ?? newPlatformId('pm'),
      customerId,
      subscriptionId: null,
      service,
      externalId: card.externalId,
      brand: card.brand,
      last4: card.last4,
      expMonth: card.expMonth,
      expYear: card.expYear,
      isDefault: card.isDefault,
    })),
  );
}
