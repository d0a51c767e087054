import type Stripe from 'stripe';
import type { SubscriptionItemRecord, SubscriptionRecord } from '../store/sandbox.records';
import type { StripeSandboxStore } from '../store/sandbox.store';
import { listOf } from './list.view';
import { renderPlan, renderPrice } from './price.view';
import { LIVEMODE, type Wire } from './wire';

/** How many items a subscription embeds; the rest are paged through `/v1/subscription_items`. */
export const EMBEDDED_ITEMS_LIMIT = 10;

export function renderSubscriptionItem(
  item: SubscriptionItemRecord,
  subscriptionId: string,
  store: StripeSandboxStore,
): Wire<Stripe.SubscriptionItem> {
  const price = store.findPrice(item.price);
  if (!price) throw new Error(`price ${item.price} of ${item.id} is missing from the store`);
  return {
    id: item.id,
    object: 'subscription_item',
    billing_thresholds: null,
    created: item.created,
    current_period_end: item.current_period_end,
    current_period_start: item.current_period_start,
    current_trial: null,
    discounts: [],
    metadata: item.metadata,
    plan: renderPlan(price),
    price: renderPrice(price),
    quantity: item.quantity,
    subscription: subscriptionId,
    tax_rates: [],
  };
}

export function renderSubscription(
  sub: SubscriptionRecord,
  store: StripeSandboxStore,
): Wire<Stripe.Subscription> {
  const embedded = sub.items.slice(0, EMBEDDED_ITEMS_LIMIT);
  return {
    id: sub.id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: sub.billing_cycle_anchor,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: 'classic' },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: sub.cancel_at,
    cancel_at_period_end: sub.cancel_at_period_end,
    canceled_at: sub.canceled_at,
    cancellation_details: { ...sub.cancellation_details, feedback_option: null },
    collection_method: sub.collection_method,
    created: sub.created,
    currency: sub.currency,
    customer: sub.customer,
    customer_account: null,
    days_until_due: sub.days_until_due,
    default_payment_method: sub.default_payment_method,
    default_source: sub.default_source,
    default_tax_rates: [],
    description: sub.description,
    discounts: [],
    ended_at: sub.ended_at,
    invoice_settings: {
      account_tax_ids: null,
      custom_fields: null,
      description: null,
      footer: null,
      issuer: { type: 'self' },
    },
    items: listOf(
      `/v1/subscription_items?subscription=${sub.id}`,
      embedded.map((item) => renderSubscriptionItem(item, sub.id, store)),
      sub.items.length > embedded.length,
    ),
    latest_invoice: store.latestInvoiceOf(sub.id)?.id ?? null,
    livemode: LIVEMODE,
    managed_payments: null,
    metadata: sub.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: {
      payment_method_options: null,
      payment_method_types: null,
      save_default_payment_method: 'off',
    },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: sub.start_date,
    status: sub.status,
    test_clock: null,
    transfer_data: null,
    trial_end: sub.trial_end,
    trial_settings: {
      end_behavior: { billing_cycle_anchor: null, missing_payment_method: 'create_invoice' },
    },
    trial_start: sub.trial_start,
  };
}
