import type { StripeSandboxStore } from '../store/sandbox.store';
import { STRIPE_SANDBOX_DEMO as DEMO } from './demo.constants';

/** Monthly prices of the demo products, in GBP, USD, EUR and JPY (zero-decimal). */
export function seedDemoCatalog(store: StripeSandboxStore): void {
  const digital = { id: DEMO.products.digital, name: 'Digital Subscription' };
  const monthly = { interval: 'month' as const };
  store.putPrice({
    id: DEMO.prices.digitalMonthlyGbp,
    unit_amount: 1299,
    currency: 'gbp',
    recurring: monthly,
    product: digital,
    nickname: 'Digital monthly (GBP)',
  });
  store.putPrice({
    id: DEMO.prices.puzzlesMonthlyGbp,
    unit_amount: 200,
    currency: 'gbp',
    recurring: monthly,
    product: { id: DEMO.products.puzzles, name: 'Puzzles Add-on' },
    nickname: 'Puzzles monthly (GBP)',
  });
  store.putPrice({
    id: DEMO.prices.digitalMonthlyUsd,
    unit_amount: 999,
    currency: 'usd',
    recurring: monthly,
    product: DEMO.products.digital,
    nickname: 'Digital monthly (USD)',
  });
  store.putPrice({
    id: DEMO.prices.digitalMonthlyEur,
    unit_amount: 800,
    currency: 'eur',
    recurring: monthly,
    product: DEMO.products.digital,
    nickname: 'Digital monthly (EUR)',
  });
  store.putPrice({
    id: DEMO.prices.digitalMonthlyJpy,
    unit_amount: 1200,
    currency: 'jpy',
    recurring: monthly,
    product: DEMO.products.digital,
    nickname: 'Digital monthly (JPY)',
  });
  store.putPrice({
    id: DEMO.prices.premiumMonthlyEur,
    unit_amount: 1000,
    currency: 'eur',
    recurring: monthly,
    product: { id: DEMO.products.premium, name: 'Premium Subscription' },
    nickname: 'Premium monthly (EUR)',
  });
}
