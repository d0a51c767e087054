import { randomInt } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function randomAlphanumeric(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** A Stripe-style id such as `sub_1Q2w3E4r5T6y7U8i9O0pAsDf` (prefix, `_`, 24 characters). */
export function randomStripeId(prefix: string): string {
  return `${prefix}_${randomAlphanumeric(24)}`;
}

/** `Request-Id` header value, like Stripe's `req_` + 14 characters. */
export function stripeRequestId(): string {
  return `req_${randomAlphanumeric(14)}`;
}
