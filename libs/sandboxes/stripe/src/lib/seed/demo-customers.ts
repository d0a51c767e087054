import type { StripeSandboxStore } from '../store/sandbox.store';
import { addMonths, type UnixSeconds } from '../util/time';
import { STRIPE_SANDBOX_DEMO as DEMO } from './demo.constants';

/** Five customers in five countries and currencies, with their cards. */
export function seedDemoCustomers(store: StripeSandboxStore, today: UnixSeconds, now: Date): void {
  const customer = (
    id: string,
    name: string,
    email: string,
    country: string,
    currency: string,
    prefix: string,
    address: { line1: string; city: string; postal_code: string; state?: string },
  ): void => {
    store.putCustomer(id, {
      created: addMonths(today, -6),
      name,
      email,
      currency,
      invoice_prefix: prefix,
      address: { ...address, country },
      metadata: { platform_user_id: `idp|demo-${id.slice(8).toLowerCase()}` },
    });
  };
  customer(
    DEMO.customers.amelia,
    'Amelia Hartley',
    'amelia.hartley@example.com',
    'GB',
    'gbp',
    'DEMOAH',
    {
      line1: '12 Shoreditch High Street',
      city: 'London',
      postal_code: 'E1 6JE',
    },
  );
  customer(DEMO.customers.marcus, 'Marcus Chen', 'marcus.chen@example.com', 'US', 'usd', 'DEMOMC', {
    line1: '500 Howard Street',
    city: 'San Francisco',
    state: 'CA',
    postal_code: '94105',
  });
  customer(
    DEMO.customers.sophie,
    'Sophie Müller',
    'sophie.mueller@example.com',
    'DE',
    'eur',
    'DEMOSM',
    {
      line1: 'Leopoldstraße 8',
      city: 'München',
      postal_code: '80802',
    },
  );
  customer(DEMO.customers.haruto, 'Haruto Sato', 'haruto.sato@example.com', 'JP', 'jpy', 'DEMOHS', {
    line1: '1-1 Marunouchi',
    city: 'Chiyoda-ku, Tokyo',
    postal_code: '100-0005',
  });
  customer(
    DEMO.customers.liam,
    "Liam O'Connor",
    'liam.oconnor@example.com',
    'IE',
    'eur',
    'DEMOLO',
    {
      line1: '3 Grand Canal Quay',
      city: 'Dublin',
      postal_code: 'D02 AB12',
    },
  );

  const year = now.getUTCFullYear();
  const card = (
    id: string,
    customerId: string,
    brand: string,
    last4: string,
    expMonth: number,
    expYear: number,
    country: string,
  ): void => {
    store.putPaymentMethod(id, {
      created: addMonths(today, -6),
      customer: customerId,
      card: { brand, last4, exp_month: expMonth, exp_year: expYear, country },
      billing_details: { name: store.findCustomer(customerId)?.name ?? null },
    });
  };
  card(DEMO.paymentMethods.ameliaVisa, DEMO.customers.amelia, 'visa', '4242', 8, year + 2, 'GB');
  card(DEMO.paymentMethods.marcusVisa, DEMO.customers.marcus, 'visa', '4242', 3, year + 3, 'US');
  card(DEMO.paymentMethods.sophieVisa, DEMO.customers.sophie, 'visa', '4242', 11, year + 1, 'DE');
  card(
    DEMO.paymentMethods.harutoMastercard,
    DEMO.customers.haruto,
    'mastercard',
    '4444',
    5,
    year + 2,
    'JP',
  );
  card(
    DEMO.paymentMethods.liamVisa,
    DEMO.customers.liam,
    'visa',
    '4242',
    now.getUTCMonth() + 1,
    year,
    'IE',
  );
  for (const [customerId, pm] of [
    [DEMO.customers.amelia, DEMO.paymentMethods.ameliaVisa],
    [DEMO.customers.marcus, DEMO.paymentMethods.marcusVisa],
    [DEMO.customers.sophie, DEMO.paymentMethods.sophieVisa],
    [DEMO.customers.liam, DEMO.paymentMethods.liamVisa],
  ] as const) {
    store.patchCustomer(customerId, { invoice_settings: { default_payment_method: pm } });
  }
}
