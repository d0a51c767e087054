import { parseInput } from '@subsync/sandbox-kit';
import type { UnixSeconds } from '../util/time';
import { address, checkId, RecordCollection } from './collection.helpers';
import type { PaymentMethodsCollection } from './payment-methods.collection';
import { customerInputSchema, type CustomerInput } from './sandbox.inputs';
import type { CustomerRecord } from './sandbox.records';
import type { SourcesCollection } from './sources.collection';

/** The account's customers; a customer's default card must exist (and a default source be its own). */
export class CustomersCollection extends RecordCollection<CustomerRecord> {
  constructor(
    private readonly now: () => UnixSeconds,
    private readonly paymentMethods: PaymentMethodsCollection,
    private readonly sources: SourcesCollection,
  ) {
    super('customer');
  }

  /** Creates or replaces a customer (its `created` and invoice numbering are kept on replace). */
  put(id: string, input: CustomerInput): CustomerRecord {
    checkId(id, 'cus');
    const parsed = parseInput(customerInputSchema, input, 'customer');
    const existing = this.records.get(id);
    const defaultPaymentMethod = parsed.invoice_settings?.default_payment_method ?? null;
    if (defaultPaymentMethod !== null) this.paymentMethods.require(defaultPaymentMethod);
    const defaultSource = parsed.default_source ?? null;
    if (defaultSource !== null) this.sources.requireOf(defaultSource, id);
    const record: CustomerRecord = {
      id,
      created: parsed.created ?? existing?.created ?? this.now(),
      email: parsed.email ?? null,
      name: parsed.name ?? null,
      phone: parsed.phone ?? null,
      description: parsed.description ?? null,
      address: address(parsed.address),
      currency: parsed.currency ?? null,
      balance: parsed.balance ?? 0,
      delinquent: parsed.delinquent ?? false,
      invoice_prefix:
        parsed.invoice_prefix ??
        existing?.invoice_prefix ??
        id
          .slice(4, 12)
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, 'X')
          .padEnd(3, 'X'),
      next_invoice_sequence: existing?.next_invoice_sequence ?? 1,
      default_payment_method: defaultPaymentMethod,
      default_source: defaultSource,
      metadata: parsed.metadata ?? {},
      deleted: parsed.deleted ?? false,
    };
    this.records.set(id, record);
    return record;
  }

  /** Merges the given fields into the customer, e.g. `{ invoice_settings: { default_payment_method } }`. */
  patch(id: string, patch: CustomerInput): CustomerRecord {
    const current = this.require(id);
    const parsed = parseInput(customerInputSchema, patch, 'customer patch');
    const merged: CustomerInput = {
      created: current.created,
      email: current.email,
      name: current.name,
      phone: current.phone,
      description: current.description,
      address: current.address,
      currency: current.currency,
      balance: current.balance,
      delinquent: current.delinquent,
      invoice_prefix: current.invoice_prefix,
      metadata: current.metadata,
      deleted: current.deleted,
      default_source: current.default_source,
      ...Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)),
      invoice_settings: {
        default_payment_method:
          parsed.invoice_settings?.default_payment_method !== undefined
            ? parsed.invoice_settings.default_payment_method
            : current.default_payment_method,
      },
    };
    return this.put(id, merged);
  }
}
