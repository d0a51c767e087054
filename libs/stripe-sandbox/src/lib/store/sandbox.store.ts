import { parseInput, SandboxInputError } from '@subsync/sandbox-kit';
import { randomStripeId } from '../util/ids';
import { unixSeconds, type UnixSeconds } from '../util/time';
import { buildInvoice } from './invoice.builder';
import {
  customerInputSchema,
  invoiceInputSchema,
  paymentMethodInputSchema,
  priceInputSchema,
  sourceInputSchema,
  subscriptionInputSchema,
  subscriptionPatchSchema,
  upcomingInvoiceInputSchema,
  type CustomerInput,
  type InvoiceInput,
  type ParsedCard,
  type ParsedPrice,
  type ParsedSubscriptionItem,
  type PaymentMethodInput,
  type PriceInput,
  type SourceInput,
  type SubscriptionInput,
  type SubscriptionPatch,
  type UpcomingInvoiceInput,
} from './sandbox.inputs';
import type {
  AddressRecord,
  CardRecord,
  CustomerRecord,
  InvoiceRecord,
  PaymentMethodRecord,
  PriceRecord,
  ProductRecord,
  SourceRecord,
  SubscriptionRecord,
  UpcomingInvoiceSetting,
} from './sandbox.records';
import { buildSubscription } from './subscription.builder';

const ID_PATTERN = /^[a-z]+_[A-Za-z0-9_]+$/;

function address(input: Partial<AddressRecord> | null | undefined): AddressRecord | null {
  if (!input) return null;
  return {
    line1: input.line1 ?? null,
    line2: input.line2 ?? null,
    city: input.city ?? null,
    state: input.state ?? null,
    postal_code: input.postal_code ?? null,
    country: input.country ?? null,
  };
}

/** A card's stored details, with Stripe's defaults for what the input left out. */
function cardRecord(card: ParsedCard, fingerprint: string): CardRecord {
  return {
    brand: card.brand,
    last4: card.last4,
    exp_month: card.exp_month,
    exp_year: card.exp_year,
    funding: card.funding ?? 'credit',
    country: card.country ?? null,
    fingerprint: card.fingerprint ?? fingerprint,
  };
}

/**
 * The sandbox account's data: customers, cards, products and prices, subscriptions with items,
 * invoices, and hand-set upcoming invoices. Every write validates its input and its references.
 */
export class StripeSandboxStore {
  private customers = new Map<string, CustomerRecord>();
  private paymentMethods = new Map<string, PaymentMethodRecord>();
  private sources = new Map<string, SourceRecord>();
  private products = new Map<string, ProductRecord>();
  private prices = new Map<string, PriceRecord>();
  private subscriptions = new Map<string, SubscriptionRecord>();
  private invoices = new Map<string, InvoiceRecord>();
  private upcoming = new Map<string, UpcomingInvoiceSetting>();

  constructor(private readonly clock: () => Date) {}

  /** The sandbox clock's time, in Unix seconds. */
  now(): UnixSeconds {
    return unixSeconds(this.clock());
  }

  clear(): void {
    for (const map of [
      this.customers,
      this.paymentMethods,
      this.sources,
      this.products,
      this.prices,
      this.subscriptions,
      this.invoices,
      this.upcoming,
    ])
      map.clear();
  }

  private checkId(id: string, prefix: string): void {
    if (!ID_PATTERN.test(id) || !id.startsWith(`${prefix}_`)) {
      throw new SandboxInputError(
        `'${id}' is not a valid id: expected '${prefix}_' then letters, digits or _`,
      );
    }
  }

  // ---- customers ----

  findCustomer(id: string): CustomerRecord | undefined {
    return this.customers.get(id);
  }

  listCustomers(): CustomerRecord[] {
    return [...this.customers.values()];
  }

  private requireCustomer(id: string): CustomerRecord {
    const customer = this.customers.get(id);
    if (!customer) throw new SandboxInputError(`no customer '${id}'`, 404);
    return customer;
  }

  /** Creates or replaces a customer (its `created` and invoice numbering are kept on replace). */
  putCustomer(id: string, input: CustomerInput): CustomerRecord {
    this.checkId(id, 'cus');
    const parsed = parseInput(customerInputSchema, input, 'customer');
    const existing = this.customers.get(id);
    const defaultPaymentMethod = parsed.invoice_settings?.default_payment_method ?? null;
    if (defaultPaymentMethod !== null) this.requirePaymentMethod(defaultPaymentMethod);
    const defaultSource = parsed.default_source ?? null;
    if (defaultSource !== null) this.requireSourceOf(defaultSource, id);
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
    this.customers.set(id, record);
    return record;
  }

  /** Merges the given fields into the customer, e.g. `{ invoice_settings: { default_payment_method } }`. */
  patchCustomer(id: string, patch: CustomerInput): CustomerRecord {
    const current = this.requireCustomer(id);
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
    return this.putCustomer(id, merged);
  }

  // ---- payment methods ----

  findPaymentMethod(id: string): PaymentMethodRecord | undefined {
    return this.paymentMethods.get(id);
  }

  /** The customer's payment methods, newest first. */
  paymentMethodsOf(customerId: string): PaymentMethodRecord[] {
    return [...this.paymentMethods.values()]
      .filter((pm) => pm.customer === customerId)
      .sort((a, b) => b.created - a.created || b.id.localeCompare(a.id));
  }

  private requirePaymentMethod(id: string): PaymentMethodRecord {
    const pm = this.paymentMethods.get(id);
    if (!pm) throw new SandboxInputError(`no payment method '${id}'`, 404);
    return pm;
  }

  /** Creates or replaces a card payment method, attached to `customer` if given. */
  putPaymentMethod(id: string, input: PaymentMethodInput): PaymentMethodRecord {
    this.checkId(id, 'pm');
    const parsed = parseInput(paymentMethodInputSchema, input, 'payment method');
    if (parsed.customer) this.requireCustomer(parsed.customer);
    const existing = this.paymentMethods.get(id);
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
    this.paymentMethods.set(id, record);
    return record;
  }

  // ---- legacy sources (`card_…`, `src_…`) ----

  findSource(id: string): SourceRecord | undefined {
    return this.sources.get(id);
  }

  /** A customer's default source must be one of its own, as Stripe requires. */
  private requireSourceOf(id: string, customerId: string): SourceRecord {
    const source = this.sources.get(id);
    if (!source) throw new SandboxInputError(`no source '${id}'`, 404);
    if (source.customer !== customerId) {
      throw new SandboxInputError(`source '${id}' does not belong to customer '${customerId}'`);
    }
    return source;
  }

  /** Creates or replaces a legacy Card (`card_…`) or card Source (`src_…`). */
  putSource(id: string, input: SourceInput): SourceRecord {
    const object = id.startsWith('card_') ? 'card' : 'source';
    this.checkId(id, object === 'card' ? 'card' : 'src');
    const parsed = parseInput(sourceInputSchema, input, 'source');
    if (parsed.customer) this.requireCustomer(parsed.customer);
    const record: SourceRecord = {
      id,
      object,
      created: parsed.created ?? this.sources.get(id)?.created ?? this.now(),
      customer: parsed.customer ?? null,
      card: cardRecord(parsed.card, `fp${parsed.card.last4}${id.slice(-6)}`),
      metadata: parsed.metadata ?? {},
    };
    this.sources.set(id, record);
    return record;
  }

  // ---- products and prices ----

  findProduct(id: string): ProductRecord | undefined {
    return this.products.get(id);
  }

  findPrice(id: string): PriceRecord | undefined {
    return this.prices.get(id);
  }

  /** Creates or replaces a price (and its product, when given as an object). */
  putPrice(input: PriceInput, fallbackCurrency?: string): PriceRecord {
    return this.putParsedPrice(parseInput(priceInputSchema, input, 'price'), fallbackCurrency);
  }

  private putParsedPrice(parsed: ParsedPrice, fallbackCurrency: string | undefined): PriceRecord {
    const id = parsed.id ?? randomStripeId('price');
    this.checkId(id, 'price');
    const existing = this.prices.get(id);
    const now = this.now();
    let productId: string;
    if (typeof parsed.product === 'string') {
      if (!this.products.has(parsed.product))
        throw new SandboxInputError(`no product '${parsed.product}'`, 404);
      productId = parsed.product;
    } else {
      productId = parsed.product?.id ?? existing?.product ?? randomStripeId('prod');
      this.checkId(productId, 'prod');
      const product = this.products.get(productId);
      this.products.set(productId, {
        id: productId,
        created: product?.created ?? now,
        name: parsed.product?.name ?? product?.name ?? parsed.nickname ?? 'Subscription',
        description: parsed.product?.description ?? product?.description ?? null,
        active: true,
      });
    }
    const record: PriceRecord = {
      id,
      created: existing?.created ?? now,
      product: productId,
      currency: parsed.currency ?? fallbackCurrency ?? existing?.currency ?? 'usd',
      unit_amount: parsed.unit_amount,
      recurring:
        parsed.recurring === null
          ? null
          : {
              interval: parsed.recurring?.interval ?? 'month',
              interval_count: parsed.recurring?.interval_count ?? 1,
            },
      nickname: parsed.nickname ?? null,
      lookup_key: parsed.lookup_key ?? null,
      active: true,
      metadata: parsed.metadata ?? {},
    };
    this.prices.set(id, record);
    return record;
  }

  private priceOfItem(
    item: ParsedSubscriptionItem,
    fallbackCurrency: string | undefined,
  ): PriceRecord {
    if (typeof item.price === 'string') {
      const price = this.prices.get(item.price);
      if (!price) throw new SandboxInputError(`no price '${item.price}'`, 404);
      return price;
    }
    return this.putParsedPrice(item.price, fallbackCurrency);
  }

  // ---- subscriptions ----

  findSubscription(id: string): SubscriptionRecord | undefined {
    return this.subscriptions.get(id);
  }

  listSubscriptions(): SubscriptionRecord[] {
    return [...this.subscriptions.values()];
  }

  private requireSubscription(id: string): SubscriptionRecord {
    const sub = this.subscriptions.get(id);
    if (!sub) throw new SandboxInputError(`no subscription '${id}'`, 404);
    return sub;
  }

  /** Creates or replaces a subscription with its items (periods default to the one containing now). */
  putSubscription(id: string, input: SubscriptionInput): SubscriptionRecord {
    this.checkId(id, 'sub');
    const parsed = parseInput(subscriptionInputSchema, input, 'subscription');
    const customer = this.requireCustomer(parsed.customer);
    if (parsed.default_payment_method) this.requirePaymentMethod(parsed.default_payment_method);
    if (parsed.default_source) this.requireSourceOf(parsed.default_source, customer.id);
    const record = buildSubscription(id, parsed, {
      now: this.now(),
      existing: this.subscriptions.get(id),
      newId: randomStripeId,
      priceOf: (item, currency) => this.priceOfItem(item, currency),
      customerCurrency: customer.currency,
    });
    for (const item of record.items) {
      const price = this.prices.get(item.price);
      if (price && price.currency !== record.currency) {
        throw new SandboxInputError(
          `price '${price.id}' is in ${price.currency}, the subscription in ${record.currency}: all items must share the subscription's currency`,
        );
      }
      this.checkId(item.id, 'si');
    }
    this.subscriptions.set(id, record);
    return record;
  }

  /** Changes top-level fields and existing items' periods or quantities. */
  patchSubscription(id: string, patch: SubscriptionPatch): SubscriptionRecord {
    const current = this.requireSubscription(id);
    const parsed = parseInput(subscriptionPatchSchema, patch, 'subscription patch');
    if (parsed.default_payment_method) this.requirePaymentMethod(parsed.default_payment_method);
    if (parsed.default_source) this.requireSourceOf(parsed.default_source, current.customer);
    const { items: itemPatches, cancellation_details, ...fields } = parsed;
    const items = current.items.map((item) => ({ ...item }));
    for (const change of itemPatches ?? []) {
      const item = items.find((i) => i.id === change.id);
      if (!item) throw new SandboxInputError(`subscription '${id}' has no item '${change.id}'`);
      Object.assign(
        item,
        Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)),
      );
    }
    const next: SubscriptionRecord = {
      ...current,
      ...(Object.fromEntries(
        Object.entries(fields).filter(([, v]) => v !== undefined),
      ) as Partial<SubscriptionRecord>),
      cancellation_details: { ...current.cancellation_details, ...cancellation_details },
      items,
    };
    this.subscriptions.set(id, next);
    return next;
  }

  /** Sets what `create_preview` answers for the subscription (`{ none: true }`: no upcoming invoice). */
  setUpcomingInvoice(subscriptionId: string, input: UpcomingInvoiceInput): UpcomingInvoiceSetting {
    this.requireSubscription(subscriptionId);
    const parsed = parseInput(upcomingInvoiceInputSchema, input, 'upcoming invoice');
    const setting: UpcomingInvoiceSetting = parsed.none
      ? { none: true }
      : {
          ...(parsed.amount_due === undefined ? {} : { amount_due: parsed.amount_due }),
          ...(parsed.next_payment_attempt === undefined
            ? {}
            : { next_payment_attempt: parsed.next_payment_attempt }),
          ...(parsed.lines === undefined
            ? {}
            : {
                lines: parsed.lines.map((line) => ({
                  description: line.description ?? null,
                  amount: line.amount,
                  quantity: line.quantity ?? 1,
                  price: line.price ?? null,
                  ...(line.period
                    ? { period_start: line.period.start, period_end: line.period.end }
                    : {}),
                })),
              }),
        };
    this.upcoming.set(subscriptionId, setting);
    return setting;
  }

  /** Back to the computed preview. */
  clearUpcomingInvoice(subscriptionId: string): void {
    this.requireSubscription(subscriptionId);
    this.upcoming.delete(subscriptionId);
  }

  upcomingInvoiceSetting(subscriptionId: string): UpcomingInvoiceSetting | undefined {
    return this.upcoming.get(subscriptionId);
  }

  // ---- invoices ----

  findInvoice(id: string): InvoiceRecord | undefined {
    return this.invoices.get(id);
  }

  /** Every invoice, newest first (Stripe's list order). */
  listInvoices(): InvoiceRecord[] {
    return [...this.invoices.values()].sort(newestFirst);
  }

  /** The newest invoice of a subscription (its `latest_invoice`). */
  latestInvoiceOf(subscriptionId: string): InvoiceRecord | undefined {
    return this.listInvoices().find((inv) => inv.subscription === subscriptionId);
  }

  /** Creates or replaces an invoice; amounts, lines, transitions and number are derived when absent. */
  putInvoice(id: string, input: InvoiceInput): InvoiceRecord {
    this.checkId(id, 'in');
    const parsed = parseInput(invoiceInputSchema, input, 'invoice');
    const subscription = parsed.subscription
      ? this.requireSubscription(parsed.subscription)
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
    const customer = this.requireCustomer(customerId);
    if (parsed.default_payment_method) this.requirePaymentMethod(parsed.default_payment_method);
    const record = buildInvoice(id, parsed, {
      now: this.now(),
      customer,
      subscription,
      existing: this.invoices.get(id),
      newId: randomStripeId,
      findPrice: (priceId) => this.prices.get(priceId),
      productName: (productId) => this.products.get(productId)?.name ?? productId,
      nextNumber: () => {
        const number = `${customer.invoice_prefix}-${String(customer.next_invoice_sequence).padStart(4, '0')}`;
        customer.next_invoice_sequence += 1;
        return number;
      },
    });
    this.invoices.set(id, record);
    return record;
  }
}

/** Stripe lists newest first; equal `created` falls back to the id, so the order is total. */
export function newestFirst(
  a: { created: number; id: string },
  b: { created: number; id: string },
): number {
  return b.created - a.created || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
