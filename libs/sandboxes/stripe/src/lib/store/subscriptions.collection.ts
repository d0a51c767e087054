import { parseInput, SandboxInputError } from '@subsync/sandbox-kit';
import { randomStripeId } from '../util/ids';
import type { UnixSeconds } from '../util/time';
import type { CatalogCollection } from './catalog.collection';
import { checkId, RecordCollection } from './collection.helpers';
import type { CustomersCollection } from './customers.collection';
import type { PaymentMethodsCollection } from './payment-methods.collection';
import {
  subscriptionInputSchema,
  subscriptionPatchSchema,
  upcomingInvoiceInputSchema,
  type ParsedSubscriptionItem,
  type SubscriptionInput,
  type SubscriptionPatch,
  type UpcomingInvoiceInput,
} from './sandbox.inputs';
import type { PriceRecord, SubscriptionRecord, UpcomingInvoiceSetting } from './sandbox.records';
import type { SourcesCollection } from './sources.collection';
import { buildSubscription } from './subscription.builder';

/**
 * Subscriptions with their items, and the hand-set upcoming invoices that `create_preview`
 * answers for them. A subscription needs its customer, its cards and prices in one currency.
 */
export class SubscriptionsCollection extends RecordCollection<SubscriptionRecord> {
  private readonly upcoming = new Map<string, UpcomingInvoiceSetting>();

  constructor(
    private readonly now: () => UnixSeconds,
    private readonly customers: CustomersCollection,
    private readonly paymentMethods: PaymentMethodsCollection,
    private readonly sources: SourcesCollection,
    private readonly catalog: CatalogCollection,
  ) {
    super('subscription');
  }

  override clear(): void {
    super.clear();
    this.upcoming.clear();
  }

  /** Creates or replaces a subscription with its items (periods default to the one containing now). */
  put(id: string, input: SubscriptionInput): SubscriptionRecord {
    checkId(id, 'sub');
    const parsed = parseInput(subscriptionInputSchema, input, 'subscription');
    const customer = this.customers.require(parsed.customer);
    if (parsed.default_payment_method) this.paymentMethods.require(parsed.default_payment_method);
    if (parsed.default_source) this.sources.requireOf(parsed.default_source, customer.id);
    const record = buildSubscription(id, parsed, {
      now: this.now(),
      existing: this.records.get(id),
      newId: randomStripeId,
      priceOf: (item, currency) => this.priceOfItem(item, currency),
      customerCurrency: customer.currency,
    });
    for (const item of record.items) {
      const price = this.catalog.findPrice(item.price);
      if (price && price.currency !== record.currency) {
        throw new SandboxInputError(
          `price '${price.id}' is in ${price.currency}, the subscription in ${record.currency}: all items must share the subscription's currency`,
        );
      }
      checkId(item.id, 'si');
    }
    this.records.set(id, record);
    return record;
  }

  /** Changes top-level fields and existing items' periods or quantities. */
  patch(id: string, patch: SubscriptionPatch): SubscriptionRecord {
    const current = this.require(id);
    const parsed = parseInput(subscriptionPatchSchema, patch, 'subscription patch');
    if (parsed.default_payment_method) this.paymentMethods.require(parsed.default_payment_method);
    if (parsed.default_source) this.sources.requireOf(parsed.default_source, current.customer);
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
    this.records.set(id, next);
    return next;
  }

  /** Sets what `create_preview` answers for the subscription (`{ none: true }`: no upcoming invoice). */
  setUpcomingInvoice(subscriptionId: string, input: UpcomingInvoiceInput): UpcomingInvoiceSetting {
    this.require(subscriptionId);
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
    this.require(subscriptionId);
    this.upcoming.delete(subscriptionId);
  }

  upcomingInvoiceSetting(subscriptionId: string): UpcomingInvoiceSetting | undefined {
    return this.upcoming.get(subscriptionId);
  }

  /** An item names an existing price, or brings a new one (created in the catalog). */
  private priceOfItem(
    item: ParsedSubscriptionItem,
    fallbackCurrency: string | undefined,
  ): PriceRecord {
    if (typeof item.price === 'string') return this.catalog.requirePrice(item.price);
    return this.catalog.putParsedPrice(item.price, fallbackCurrency);
  }
}
