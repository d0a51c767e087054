import type Stripe from 'stripe';
import type { CustomerRecord, PaymentMethodRecord } from '../store/sandbox.records';
import { LIVEMODE, type Wire } from './wire';

export function renderCustomer(
  customer: CustomerRecord,
): Wire<Stripe.Customer> | Wire<Stripe.DeletedCustomer> {
  if (customer.deleted) return { id: customer.id, object: 'customer', deleted: true };
  return {
    id: customer.id,
    object: 'customer',
    address: customer.address,
    balance: customer.balance,
    created: customer.created,
    currency: customer.currency,
    customer_account: null,
    default_source: null,
    delinquent: customer.delinquent,
    description: customer.description,
    discount: null,
    email: customer.email,
    invoice_prefix: customer.invoice_prefix,
    invoice_settings: {
      custom_fields: null,
      default_payment_method: customer.default_payment_method,
      footer: null,
      rendering_options: null,
    },
    livemode: LIVEMODE,
    metadata: customer.metadata,
    name: customer.name,
    next_invoice_sequence: customer.next_invoice_sequence,
    phone: customer.phone,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

export function renderPaymentMethod(pm: PaymentMethodRecord): Wire<Stripe.PaymentMethod> {
  return {
    id: pm.id,
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: { ...pm.billing_details, tax_id: null },
    card: {
      brand: pm.card.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: pm.card.country,
      display_brand: pm.card.brand.replace(/_/g, ' '),
      exp_month: pm.card.exp_month,
      exp_year: pm.card.exp_year,
      fingerprint: pm.card.fingerprint,
      funding: pm.card.funding,
      generated_from: null,
      last4: pm.card.last4,
      networks: { available: [pm.card.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: pm.created,
    customer: pm.customer,
    customer_account: null,
    livemode: LIVEMODE,
    metadata: pm.metadata,
    type: pm.type,
  };
}
