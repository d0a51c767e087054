// Stripe gives amounts as integers in the currency's minor unit: pence for GBP, but whole yen for
// JPY and thousandths of a dinar for KWD (https://docs.stripe.com/currencies).

/** Currencies Stripe counts in major units. */
// prettier-ignore
const ZERO_DECIMAL: ReadonlySet<string> = new Set([
  'BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA',
  'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF',
]);

/** Currencies Stripe counts in thousandths. */
const THREE_DECIMAL: ReadonlySet<string> = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

/**
 * How many decimal places Stripe's minor unit has for a currency: 0, 3, or otherwise 2. ISK,
 * HUF and TWD are two-decimal in Stripe's API even where only whole units can be charged, so
 * they need no exception.
 */
export function stripeCurrencyExponent(currency: string): 0 | 2 | 3 {
  const code = currency.toUpperCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

/**
 * A Stripe amount as the platform's exact decimal string in major units, with at least two places
 * (like every other amount on the schedule, and as the schedule is stored) and three when the
 * currency's minor unit is a thousandth: 1299 gbp → "12.99", 1200 jpy → "1200.00",
 * 12345 kwd → "12.345".
 */
export function amountFromMinorUnits(amount: number, currency: string): string {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`Not an amount in minor units: ${amount}`);
  }
  const exponent = stripeCurrencyExponent(currency);
  const digits = Math.abs(amount)
    .toString()
    .padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent).padEnd(2, '0');
  return `${amount < 0 ? '-' : ''}${whole}.${fraction}`;
}

/** Stripe's lower-case currency code as the platform writes it: "gbp" → "GBP". */
export function currencyFromStripe(currency: string): string {
  return currency.toUpperCase();
}
