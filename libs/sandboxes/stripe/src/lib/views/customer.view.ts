import type Stripe from 'stripe';
import type { CustomerRecord, PaymentMethodRecord, SourceRecord } from '../store/sandbox.records';
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
    default_source: customer.default_source,
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

/** The card fields a legacy Card and a card Source show alike. */
function legacyCardDetails(source: SourceRecord) {
  const { brand, country, exp_month, exp_year, fingerprint, funding, last4 } = source.card;
  return {
    brand,
    country,
    cvc_check: 'pass',
    dynamic_last4: null,
    exp_month,
    exp_year,
    fingerprint,
    funding,
    last4,
  };
}

/** A legacy Card object (`card_…`), as `GET /v1/customers/{id}/sources/{id}` shows one. */
export function renderLegacyCard(source: SourceRecord): Wire<Stripe.Card> {
  return {
    id: source.id,
    object: 'card',
    address_city: null,
    address_country: null,
    address_line1: null,
    address_line1_check: null,
    address_line2: null,
    address_state: null,
    address_zip: null,
    address_zip_check: null,
    allow_redisplay: 'unspecified',
    ...legacyCardDetails(source),
    customer: source.customer,
    metadata: source.metadata,
    name: null,
    regulated_status: 'unregulated',
    tokenization_method: null,
  };
}

/** A legacy Source of type card (`src_…`). */
export function renderCardSource(source: SourceRecord): Wire<Stripe.Source> {
  return {
    id: source.id,
    object: 'source',
    allow_redisplay: 'unspecified',
    amount: null,
    card: {
      address_line1_check: null,
      address_zip_check: null,
      ...legacyCardDetails(source),
      name: null,
      three_d_secure: 'optional',
      tokenization_method: null,
    },
    client_secret: `${source.id}_secret_sandbox`,
    created: source.created,
    currency: null,
    ...(source.customer === null ? {} : { customer: source.customer }),
    flow: 'none',
    livemode: LIVEMODE,
    metadata: source.metadata,
    owner: {
      address: null,
      email: null,
      name: null,
      phone: null,
      verified_address: null,
      verified_email: null,
      verified_name: null,
      verified_phone: null,
    },
    statement_descriptor: null,
    status: 'chargeable',
    type: 'card',
    usage: 'reusable',
  };
}

/** A legacy source as Stripe shows it: a Card or a Source, by its id. */
export function renderSource(source: SourceRecord): Wire<Stripe.Card> | Wire<Stripe.Source> {
  return source.object === 'card' ? renderLegacyCard(source) : renderCardSource(source);
}
