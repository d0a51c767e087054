import type Stripe from 'stripe';
import type {
  CustomerInput,
  InvoiceInput,
  PaymentMethodInput,
  SourceInput,
  SubscriptionInput,
  SubscriptionPatch,
} from '../store/sandbox.inputs';
import type {
  CustomerRecord,
  InvoiceRecord,
  PaymentMethodRecord,
  SourceRecord,
  SubscriptionRecord,
} from '../store/sandbox.records';
import { StripeSandboxStore } from '../store/sandbox.store';
import { renderCustomer, renderPaymentMethod, renderSource } from '../views/customer.view';
import { renderInvoice } from '../views/invoice.view';
import { renderSubscription } from '../views/subscription.view';
import { previousAttributes } from './previous-attributes';
import { buildEvent } from './stripe-event.builder';
import type { WebhookSender } from './webhook-sender';

type EventType = Stripe.Event.Type;
type Rendered = Record<string, unknown>;

/**
 * The sandbox store that announces its changes as Stripe events, the ones Stripe sends for the
 * same change: `customer.*`, `payment_method.*`, `customer.source.*` (legacy cards and sources),
 * `customer.subscription.*` and `invoice.*`,
 * each with the object as it is now and, for an update, `previous_attributes`. The store itself
 * is unchanged; only its writes are observed. Seeding and resets stay silent.
 */
export class WebhookEmittingStore extends StripeSandboxStore {
  /** Writes inside another write (patchCustomer puts the customer) announce nothing twice. */
  private depth = 0;
  private silent = false;

  constructor(
    clock: () => Date,
    private readonly sender: WebhookSender,
    private readonly apiVersion: string,
  ) {
    super(clock);
  }

  /** Runs `write` without announcing anything (seed data is not news). */
  quietly(write: () => void): void {
    const was = this.silent;
    this.silent = true;
    try {
      write();
    } finally {
      this.silent = was;
    }
  }

  override putCustomer(id: string, input: CustomerInput): CustomerRecord {
    return this.announce(
      () => this.findCustomer(id),
      () => super.putCustomer(id, input),
      renderCustomer,
      customerEvents,
    );
  }

  override patchCustomer(id: string, patch: CustomerInput): CustomerRecord {
    return this.announce(
      () => this.findCustomer(id),
      () => super.patchCustomer(id, patch),
      renderCustomer,
      customerEvents,
    );
  }

  override putPaymentMethod(id: string, input: PaymentMethodInput): PaymentMethodRecord {
    return this.announce(
      () => this.findPaymentMethod(id),
      () => super.putPaymentMethod(id, input),
      renderPaymentMethod,
      paymentMethodEvents,
    );
  }

  override putSource(id: string, input: SourceInput): SourceRecord {
    return this.announce(
      () => this.findSource(id),
      () => super.putSource(id, input),
      renderSource,
      sourceEvents,
    );
  }

  override putSubscription(id: string, input: SubscriptionInput): SubscriptionRecord {
    return this.announce(
      () => this.findSubscription(id),
      () => super.putSubscription(id, input),
      (sub) => renderSubscription(sub, this),
      subscriptionEvents,
    );
  }

  override patchSubscription(id: string, patch: SubscriptionPatch): SubscriptionRecord {
    return this.announce(
      () => this.findSubscription(id),
      () => super.patchSubscription(id, patch),
      (sub) => renderSubscription(sub, this),
      subscriptionEvents,
    );
  }

  override putInvoice(id: string, input: InvoiceInput): InvoiceRecord {
    return this.announce(
      () => this.findInvoice(id),
      () => super.putInvoice(id, input),
      (invoice) => renderInvoice(invoice, this),
      invoiceEvents,
    );
  }

  private announce<R>(
    find: () => R | undefined,
    write: () => R,
    render: (record: R) => unknown,
    eventsOf: (before: R | undefined, after: R) => EventType[],
  ): R {
    const quiet = this.silent || this.depth > 0;
    const existing = quiet ? undefined : find();
    const before = existing === undefined ? undefined : (render(existing) as Rendered);
    this.depth += 1;
    let after: R;
    try {
      after = write();
    } finally {
      this.depth -= 1;
    }
    if (quiet) return after;
    const object = render(after) as Rendered;
    const previous = before === undefined ? null : previousAttributes(before, object);
    if (before !== undefined && previous === null) return after;
    for (const type of eventsOf(existing, after)) {
      this.sender.publish(
        buildEvent({
          type,
          object,
          previous:
            type.endsWith('.updated') || type === 'payment_method.detached' ? previous : null,
          created: this.now(),
          apiVersion: this.apiVersion,
          pendingWebhooks: this.sender.endpointsFor(type),
        }),
      );
    }
    return after;
  }
}

function customerEvents(before: CustomerRecord | undefined): EventType[] {
  return [before === undefined ? 'customer.created' : 'customer.updated'];
}

function paymentMethodEvents(
  before: PaymentMethodRecord | undefined,
  after: PaymentMethodRecord,
): EventType[] {
  const was = before?.customer ?? null;
  if (was === after.customer) return before === undefined ? [] : ['payment_method.updated'];
  return [
    ...(was === null ? [] : (['payment_method.detached'] as const)),
    ...(after.customer === null ? [] : (['payment_method.attached'] as const)),
  ];
}

/**
 * Legacy cards and sources are announced as the customer's: created when one is attached,
 * updated while it stays, deleted when it leaves (a source with no customer announces nothing).
 */
function sourceEvents(before: SourceRecord | undefined, after: SourceRecord): EventType[] {
  const was = before?.customer ?? null;
  if (was !== null && was === after.customer) return ['customer.source.updated'];
  return [
    ...(was === null ? [] : (['customer.source.deleted'] as const)),
    ...(after.customer === null ? [] : (['customer.source.created'] as const)),
  ];
}

function subscriptionEvents(
  before: SubscriptionRecord | undefined,
  after: SubscriptionRecord,
): EventType[] {
  if (before === undefined) return ['customer.subscription.created'];
  const events: EventType[] = ['customer.subscription.updated'];
  if (before.status !== after.status) {
    if (after.status === 'canceled') events.push('customer.subscription.deleted');
    else if (after.status === 'paused') events.push('customer.subscription.paused');
    else if (before.status === 'paused') events.push('customer.subscription.resumed');
  }
  return events;
}

/** What Stripe announces as an invoice moves from draft to open, paid, void or uncollectible. */
function invoiceEvents(before: InvoiceRecord | undefined, after: InvoiceRecord): EventType[] {
  const events: EventType[] = [before === undefined ? 'invoice.created' : 'invoice.updated'];
  const was = before?.status ?? 'draft';
  if (was === 'draft' && after.status !== 'draft') events.push('invoice.finalized');
  if (was !== after.status) {
    if (after.status === 'paid') events.push('invoice.paid', 'invoice.payment_succeeded');
    if (after.status === 'void') events.push('invoice.voided');
    if (after.status === 'uncollectible') events.push('invoice.marked_uncollectible');
  }
  if (after.status === 'open' && after.attempt_count > (before?.attempt_count ?? 0)) {
    events.push('invoice.payment_failed');
  }
  return events;
}
