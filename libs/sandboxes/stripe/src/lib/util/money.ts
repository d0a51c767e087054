/** Stripe's zero-decimal currencies: amounts are in the unit itself (1200 JPY is ¥1,200). */
export const ZERO_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);

const SYMBOLS: Record<string, string> = { gbp: '£', usd: '$', eur: '€', jpy: '¥' };

/** `1299 gbp` → `£12.99`, `1200 jpy` → `¥1,200`, as Stripe writes amounts in line descriptions. */
export function formatAmount(amount: number, currency: string): string {
  const zeroDecimal = ZERO_DECIMAL_CURRENCIES.has(currency);
  const value = zeroDecimal ? amount : amount / 100;
  const digits = value.toLocaleString('en-GB', {
    minimumFractionDigits: zeroDecimal ? 0 : 2,
    maximumFractionDigits: zeroDecimal ? 0 : 2,
  });
  const symbol = SYMBOLS[currency];
  return symbol ? `${symbol}${digits}` : `${digits} ${currency.toUpperCase()}`;
}
