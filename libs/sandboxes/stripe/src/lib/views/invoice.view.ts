import type Stripe from 'stripe';
import type { InvoiceLineRecord, InvoiceRecord } from '../store/sandbox.records';
import type { StripeSandboxStore } from '../store/sandbox.store';
import { listOf } from './list.view';
import { LIVEMODE, type Wire } from './wire';

/** How many lines an invoice embeds (Stripe's default list size). */
const EMBEDDED_LINES_LIMIT = 10;
const ACCOUNT_NAME = 'Subsync Sandbox Ltd';

interface InvoiceRenderOptions {
  /** A `create_preview` answer: never finalizes by itself. */
  preview: boolean;
}

export function renderInvoiceLine(
  line: InvoiceLineRecord,
  invoice: InvoiceRecord,
  store: StripeSandboxStore,
): Wire<Stripe.InvoiceLineItem> {
  const price = line.price === null ? undefined : store.findPrice(line.price);
  const fromSubscription = invoice.subscription !== null && line.subscription_item !== null;
  const invoiceItem = `ii_${line.id.replace(/^il_/, '')}`;
  return {
    id: line.id,
    object: 'line_item',
    amount: line.amount,
    currency: line.currency,
    description: line.description,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: invoice.id,
    livemode: LIVEMODE,
    metadata: {},
    parent: fromSubscription
      ? {
          type: 'subscription_item_details',
          invoice_item_details: null,
          subscription_item_details: {
            invoice_item: line.proration ? invoiceItem : null,
            proration: line.proration,
            proration_details: { credited_items: null },
            subscription: invoice.subscription,
            subscription_item: line.subscription_item ?? '',
          },
        }
      : {
          type: 'invoice_item_details',
          invoice_item_details: {
            invoice_item: invoiceItem,
            proration: line.proration,
            proration_details: { credited_items: null },
            subscription: invoice.subscription,
          },
          subscription_item_details: null,
        },
    period: { start: line.period_start, end: line.period_end },
    pretax_credit_amounts: [],
    pricing: price
      ? {
          type: 'price_details',
          price_details: { price: price.id, product: price.product },
          unit_amount_decimal: String(price.unit_amount),
        }
      : null,
    quantity: line.quantity,
    quantity_decimal: String(line.quantity),
    subscription: invoice.subscription,
    subtotal: line.amount,
    taxes: [],
  };
}

export function renderInvoice(
  invoice: InvoiceRecord,
  store: StripeSandboxStore,
  options: InvoiceRenderOptions = { preview: false },
): Wire<Stripe.Invoice> {
  const customer = store.findCustomer(invoice.customer);
  const finalized = invoice.finalized_at !== null;
  const hostedId = invoice.id.replace(/^in_/, '');
  const embedded = invoice.lines.slice(0, EMBEDDED_LINES_LIMIT);
  return {
    id: invoice.id,
    object: 'invoice',
    account_country: 'GB',
    account_name: ACCOUNT_NAME,
    account_tax_ids: null,
    amount_due: invoice.amount_due,
    amount_overpaid: 0,
    amount_paid: invoice.amount_paid,
    amount_remaining: invoice.amount_remaining,
    amount_shipping: 0,
    application: null,
    attempt_count: invoice.attempt_count,
    attempted: invoice.attempted,
    auto_advance: invoice.status === 'draft' || invoice.status === 'open',
    automatic_tax: {
      disabled_reason: null,
      enabled: false,
      liability: null,
      provider: null,
      status: null,
    },
    automatically_finalizes_at:
      invoice.status === 'draft' && !options.preview ? invoice.created + 3600 : null,
    billing_reason: invoice.billing_reason,
    collection_method: invoice.collection_method,
    created: invoice.created,
    currency: invoice.currency,
    custom_fields: null,
    customer: invoice.customer,
    customer_account: null,
    customer_address: customer?.address ?? null,
    customer_email: invoice.customer_email,
    customer_name: invoice.customer_name,
    customer_phone: customer?.phone ?? null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    customer_tax_ids: [],
    default_payment_method: invoice.default_payment_method,
    default_source: null,
    default_tax_rates: [],
    description: invoice.description,
    discounts: [],
    due_date: invoice.due_date,
    effective_at: invoice.finalized_at,
    ending_balance: finalized ? 0 : null,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: finalized
      ? `https://invoice.stripe.com/i/acct_sandbox/test_${hostedId}`
      : null,
    invoice_pdf: finalized
      ? `https://pay.stripe.com/invoice/acct_sandbox/test_${hostedId}/pdf`
      : null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: listOf(
      `/v1/invoices/${invoice.id}/lines`,
      embedded.map((line) => renderInvoiceLine(line, invoice, store)),
      invoice.lines.length > embedded.length,
    ),
    livemode: LIVEMODE,
    metadata: invoice.metadata,
    next_payment_attempt: invoice.next_payment_attempt,
    number: invoice.number,
    on_behalf_of: null,
    parent: invoice.subscription
      ? {
          type: 'subscription_details',
          quote_details: null,
          subscription_details: { metadata: {}, subscription: invoice.subscription },
        }
      : null,
    payment_settings: {
      default_mandate: null,
      payment_method_options: null,
      payment_method_types: null,
    },
    period_end: invoice.period_end,
    period_start: invoice.period_start,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: invoice.status,
    status_transitions: {
      finalized_at: invoice.finalized_at,
      marked_uncollectible_at: invoice.marked_uncollectible_at,
      paid_at: invoice.paid_at,
      voided_at: invoice.voided_at,
    },
    subtotal: invoice.subtotal,
    subtotal_excluding_tax: invoice.subtotal,
    test_clock: null,
    total: invoice.total,
    total_discount_amounts: [],
    total_excluding_tax: invoice.total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: finalized ? invoice.created : null,
  };
}
