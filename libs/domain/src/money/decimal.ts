// Exact decimal arithmetic for money. Zuora sends prices and quantities as JSON numbers; they are
// read back as the decimal literal they were written as (`String(9.99)` is "9.99") and then
// computed on as scaled BigInts, so no binary floating-point error reaches an amount.

/** A decimal number as an integer count of 10^-scale units: 12.99 is { units: 1299n, scale: 2 }. */
interface Scaled {
  units: bigint;
  scale: number;
}

/** The exact decimal text of a JSON number, never in exponent form: 1e-7 → "0.0000001". */
export function decimalFromNumber(value: number): string {
  return format(fromNumber(value));
}

/**
 * A price as text with at least two decimal places, and more only when the price has them:
 * 10 → "10.00", 12.5 → "12.50", 0.0125 → "0.0125".
 */
export function priceFromNumber(value: number): string {
  const scaled = fromNumber(value);
  return format(scaled.scale >= 2 ? scaled : rescale(scaled, 2));
}

/** price × quantity in major units, rounded half-up (away from zero) to two places. */
export function multiplyToAmount(price: number, quantity: number): string {
  const a = fromNumber(price);
  const b = fromNumber(quantity);
  return format(roundTo({ units: a.units * b.units, scale: a.scale + b.scale }, 2));
}

/** An amount as text with exactly two places ("12.9" → "12.90"), for comparing amounts. */
export function normalizeAmount(amount: string): string {
  return format(roundTo(parse(amount), 2));
}

/** An amount as a whole number of hundredths: "12.99" → 1299n (rounded half-up past two places). */
export function amountToCents(amount: string): bigint {
  return roundTo(parse(amount), 2).units;
}

/** Hundredths as an amount with two places: 1299n → "12.99". */
export function centsToAmount(cents: bigint): string {
  return format({ units: cents, scale: 2 });
}

/** `percent` % of an amount in hundredths, rounded half-up to a hundredth: 10 % of 2000n → 200n. */
export function percentOfCents(cents: bigint, percent: number): bigint {
  const rate = fromNumber(percent);
  // cents × rate / 100, with the rate's own decimal places divided out as well.
  return roundTo({ units: cents * rate.units, scale: rate.scale + 2 }, 0).units;
}

function fromNumber(value: number): Scaled {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite amount: ${value}`);
  return parse(String(value));
}

function parse(text: string): Scaled {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text.trim());
  const whole = match?.[2] ?? '';
  const fraction = match?.[3] ?? '';
  if (match === null || whole + fraction === '') {
    throw new RangeError(`Not a decimal number: '${text}'`);
  }
  const exponent = Number(match[4] ?? '0');
  const sign = match[1] === '-' ? -1n : 1n;
  const units = sign * BigInt(whole + fraction);
  const scale = fraction.length - exponent;
  return scale >= 0 ? { units, scale } : { units: units * 10n ** BigInt(-scale), scale: 0 };
}

function rescale(value: Scaled, scale: number): Scaled {
  return { units: value.units * 10n ** BigInt(scale - value.scale), scale };
}

function roundTo(value: Scaled, scale: number): Scaled {
  if (value.scale <= scale) return rescale(value, scale);
  const divisor = 10n ** BigInt(value.scale - scale);
  const magnitude = value.units < 0n ? -value.units : value.units;
  let rounded = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) rounded += 1n;
  return { units: value.units < 0n ? -rounded : rounded, scale };
}

function format({ units, scale }: Scaled): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
