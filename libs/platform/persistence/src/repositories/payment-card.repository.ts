import type { EntityManager } from 'typeorm';
import { newPlatformId, type PaymentCard } from '@subsync/domain';
import { PaymentMethodEntity } from '../entities/payment-method.entity';

type CardService = PaymentMethodEntity['service'];

/** The card on file of a subscription, as one billing system reports it. */
export async function loadPaymentCard(
  manager: EntityManager,
  subscriptionId: string,
  service: CardService,
): Promise<PaymentCard | null> {
  const row = await manager
    .getRepository(PaymentMethodEntity)
    .findOneBy({ subscriptionId, service, isDefault: true });
  if (
    row === null ||
    row.brand === null ||
    row.last4 === null ||
    row.expMonth === null ||
    row.expYear === null
  ) {
    return null;
  }
  return {
    brand: row.brand,
    last4: row.last4,
    expMonth: row.expMonth,
    expYear: row.expYear,
    externalId: row.externalId,
  };
}

/** Makes `card` the subscription's card on file for `service`; a card no longer on file is removed. */
export async function savePaymentCard(
  manager: EntityManager,
  target: { customerId: string; subscriptionId: string; service: CardService },
  card: PaymentCard | null,
): Promise<void> {
  const repository = manager.getRepository(PaymentMethodEntity);
  const existing = await repository.findBy({
    subscriptionId: target.subscriptionId,
    service: target.service,
  });
  const stale = existing.filter((row) => row.externalId !== card?.externalId);
  if (stale.length > 0) await repository.delete(stale.map((row) => row.id));
  if (card === null) return;
  const current = await repository.findOneBy({
    service: target.service,
    externalId: card.externalId,
  });
  await repository.save({
    id: current?.id ?? newPlatformId('pm'),
    customerId: target.customerId,
    subscriptionId: target.subscriptionId,
    service: target.service,
    externalId: card.externalId,
    brand: card.brand,
    last4: card.last4,
    expMonth: card.expMonth,
    expYear: card.expYear,
    isDefault: true,
  });
}
