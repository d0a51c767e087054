import { parseInput } from '@subsync/sandbox-kit';
import type { UnixSeconds } from '../util/time';
import { address, cardRecord, checkId, RecordCollection } from './collection.helpers';
import { paymentMethodInputSchema, type PaymentMethodInput } from './sandbox.inputs';
import type { CustomerRecord, PaymentMethodRecord } from './sandbox.records';

/** Card payment methods (`pm_…`), each attached to a customer or to none. */
export class PaymentMethodsCollection extends RecordCollection<PaymentMethodRecord> {
  /** `requireCustomer` is a function because customers in turn check their default card here. */
  constructor(
    private readonly now: () => UnixSeconds,
    private readonly requireCustomer: (id: string) => CustomerRecord,
  ) {
    super('payment method');
  }

  /** The customer's payment methods, newest first. */
  of(customerId: string): PaymentMethodRecord[] {
    return this.list()
      .filter((pm) => pm.customer === customerId)
      .sort((a, b) => b.created - a.created || b.id.localeCompare(a.id));
  }

  /** Creates or replaces a card payment method, attached to `customer` if given. */
  put(id: string, input: PaymentMethodInput): PaymentMethodRecord {
    checkId(id, 'pm');
    const parsed = parseInput(paymentMethodInputSchema, input, 'payment method');
    if (parsed.customer) this.requireCustomer(parsed.customer);
    const existing = this.records.get(id);
    const record: PaymentMethodRecord = {
      id,
      created: parsed.created ?? existing?.created ?? this.now(),
      customer: parsed.customer ?? null,
      type: 'card',
      card: cardRecord(parsed.card, `fp${parsed.card.brand.slice(0, 4)}${parsed.card.last4}`),
      billing_details: {
        name: parsed.billing_details?.name ?? null,
        email: parsed.billing_details?.email ?? null,
        phone: parsed.billing_details?.phone ?? null,
        address: address(parsed.billing_details?.address),
      },
      metadata: parsed.metadata ?? {},
    };
    this.records.set(id, record);
    return record;
  }
}
