import { unixSeconds, type UnixSeconds } from '../util/time';
import { CatalogCollection } from './catalog.collection';
import { CustomersCollection } from './customers.collection';
import { InvoicesCollection } from './invoices.collection';
import { PaymentMethodsCollection } from './payment-methods.collection';
import type {
  CustomerInput,
  InvoiceInput,
  PaymentMethodInput,
  PriceInput,
  SourceInput,
  SubscriptionInput,
  SubscriptionPatch,
  UpcomingInvoiceInput,
} from './sandbox.inputs';
import type {
  CustomerRecord,
  InvoiceRecord,
  PaymentMethodRecord,
  PriceRecord,
  ProductRecord,
  SourceRecord,
  SubscriptionRecord,
  UpcomingInvoiceSetting,
} from './sandbox.records';
import { SourcesCollection } from './sources.collection';
import { SubscriptionsCollection } from './subscriptions.collection';

/**
 * The sandbox account's data: customers, cards, products and prices, subscriptions with items,
 * invoices, and hand-set upcoming invoices, one collection each. Every write validates its input
 * and its references. The collections stay private: WebhookEmittingStore announces changes by
 * overriding the writes below, so no write may reach a collection another way.
 */
export class StripeSandboxStore {
  private readonly customers: CustomersCollection;
  private readonly paymentMethods: PaymentMethodsCollection;
  private readonly sources: SourcesCollection;
  private readonly catalog: CatalogCollection;
  private readonly subscriptions: SubscriptionsCollection;
  private readonly invoices: InvoicesCollection;

  constructor(private readonly clock: () => Date) {
    const now = (): UnixSeconds => this.now();
    // Cards check their customer and customers their default card: the arrow breaks the cycle.
    const requireCustomer = (id: string): CustomerRecord => this.customers.require(id);
    this.paymentMethods = new PaymentMethodsCollection(now, requireCustomer);
    this.sources = new SourcesCollection(now, requireCustomer);
    this.customers = new CustomersCollection(now, this.paymentMethods, this.sources);
    this.catalog = new CatalogCollection(now);
    this.subscriptions = new SubscriptionsCollection(
      now,
      this.customers,
      this.paymentMethods,
      this.sources,
      this.catalog,
    );
    this.invoices = new InvoicesCollection(
      now,
      this.customers,
      this.paymentMethods,
      this.catalog,
      this.subscriptions,
    );
  }

  /** The sandbox clock's time, in Unix seconds. */
  now(): UnixSeconds {
    return unixSeconds(this.clock());
  }

  clear(): void {
    for (const collection of [
      this.customers,
      this.paymentMethods,
      this.sources,
      this.catalog,
      this.subscriptions,
      this.invoices,
    ])
      collection.clear();
  }

  // ---- customers ----

  findCustomer(id: string): CustomerRecord | undefined {
    return this.customers.find(id);
  }

  listCustomers(): CustomerRecord[] {
    return this.customers.list();
  }

  putCustomer(id: string, input: CustomerInput): CustomerRecord {
    return this.customers.put(id, input);
  }

  patchCustomer(id: string, patch: CustomerInput): CustomerRecord {
    return this.customers.patch(id, patch);
  }

  // ---- payment methods and legacy sources (`card_…`, `src_…`) ----

  findPaymentMethod(id: string): PaymentMethodRecord | undefined {
    return this.paymentMethods.find(id);
  }

  paymentMethodsOf(customerId: string): PaymentMethodRecord[] {
    return this.paymentMethods.of(customerId);
  }

  putPaymentMethod(id: string, input: PaymentMethodInput): PaymentMethodRecord {
    return this.paymentMethods.put(id, input);
  }

  findSource(id: string): SourceRecord | undefined {
    return this.sources.find(id);
  }

  putSource(id: string, input: SourceInput): SourceRecord {
    return this.sources.put(id, input);
  }

  // ---- products and prices ----

  findProduct(id: string): ProductRecord | undefined {
    return this.catalog.findProduct(id);
  }

  findPrice(id: string): PriceRecord | undefined {
    return this.catalog.findPrice(id);
  }

  putPrice(input: PriceInput, fallbackCurrency?: string): PriceRecord {
    return this.catalog.putPrice(input, fallbackCurrency);
  }

  // ---- subscriptions and their upcoming invoices ----

  findSubscription(id: string): SubscriptionRecord | undefined {
    return this.subscriptions.find(id);
  }

  listSubscriptions(): SubscriptionRecord[] {
    return this.subscriptions.list();
  }

  putSubscription(id: string, input: SubscriptionInput): SubscriptionRecord {
    return this.subscriptions.put(id, input);
  }

  patchSubscription(id: string, patch: SubscriptionPatch): SubscriptionRecord {
    return this.subscriptions.patch(id, patch);
  }

  setUpcomingInvoice(subscriptionId: string, input: UpcomingInvoiceInput): UpcomingInvoiceSetting {
    return this.subscriptions.setUpcomingInvoice(subscriptionId, input);
  }

  clearUpcomingInvoice(subscriptionId: string): void {
    this.subscriptions.clearUpcomingInvoice(subscriptionId);
  }

  upcomingInvoiceSetting(subscriptionId: string): UpcomingInvoiceSetting | undefined {
    return this.subscriptions.upcomingInvoiceSetting(subscriptionId);
  }

  // ---- invoices ----

  findInvoice(id: string): InvoiceRecord | undefined {
    return this.invoices.find(id);
  }

  listInvoices(): InvoiceRecord[] {
    return this.invoices.list();
  }

  latestInvoiceOf(subscriptionId: string): InvoiceRecord | undefined {
    return this.invoices.latestOf(subscriptionId);
  }

  putInvoice(id: string, input: InvoiceInput): InvoiceRecord {
    return this.invoices.put(id, input);
  }
}
