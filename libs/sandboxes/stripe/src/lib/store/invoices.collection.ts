import { parseInput, SandboxInputError } from '@subsync/sandbox-kit';
import { randomStripeId } from '../util/ids';
import type { UnixSeconds } from '../util/time';
import type { CatalogCollection } from './catalog.collection';
import { checkId, newestFirst, RecordCollection } from './collection.helpers';
import type { CustomersCollection } from './customers.collection';
import { buildInvoice } from './invoice.builder';
import type { PaymentMethodsCollection } from './payment-methods.collection';
import { invoiceInputSchema, type InvoiceInput } from './sandbox.inputs';
import type { InvoiceRecord } from './sandbox.records';
import type { SubscriptionsCollection } from './subscriptions.collection';

/**
 * Invoices, each of a customer and maybe of one of its subscriptions; numbering advances the
 * customer's own sequence, as Stripe's does.
 */
export class InvoicesCollection extends RecordCollection<InvoiceRecord> {
  constructor(
    private readonly now: () => UnixSeconds,
    private readonly customers: CustomersCollection,
    private readonly paymentMethods: PaymentMethodsCollection,
    private readonly catalog: CatalogCollection,
    private readonly subscriptions: SubscriptionsCollection,
  ) {
    super('invoice');
  }

  /** Every invoice, newest first (Stripe's list order). */
  override list(): InvoiceRecord[] {
    return super.list().sort(newestFirst);
  }

  /** The newest invoice of a subscription (its `latest_invoice`). */
  latestOf(subscriptionId: string): InvoiceRecord | undefined {
    return this.list().find((inv) => inv.subscription === subscriptionId);
  }

  /** Creates or replaces an invoice; amounts, lines, transitions and number are derived when absent. */
  put(id: string, input: InvoiceInput): InvoiceRecord {
    checkId(id, 'in');
    const parsed = parseInput(invoiceInputSchema, input, 'invoice');
    const subscription = parsed.subscription
      ? this.subscriptions.require(parsed.subscription)
      : undefined;
    const customerId = parsed.customer ?? subscription?.customer;
    if (customerId === undefined) {
      throw new SandboxInputError(
        'an invoice needs a customer (or a subscription to take it from)',
      );
    }
    if (
      subscription &&
      parsed.customer !== undefined &&
      parsed.customer !== subscription.customer
    ) {
      throw new SandboxInputError(
        `customer '${parsed.customer}' does not own subscription '${subscription.id}'`,
      );
    }
    const customer = this.customers.require(customerId);
    if (parsed.default_payment_method) this.paymentMethods.require(parsed.default_payment_method);
    const record = buildInvoice(id, parsed, {
      now: this.now(),
      customer,
      subscription,
      existing: this.records.get(id),
      newId: randomStripeId,
      findPrice: (priceId) => this.catalog.findPrice(priceId),
      productName: (productId) => this.catalog.findProduct(productId)?.name ?? productId,
      nextNumber: () => {
        const number = `${customer.invoice_prefix}-${String(customer.next_invoice_sequence).padStart(4, '0')}`;
        customer.next_invoice_sequence += 1;
        return number;
      },
    });
    this.records.set(id, record);
    return record;
  }
}
