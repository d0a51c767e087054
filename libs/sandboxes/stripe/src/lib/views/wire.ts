import type Stripe from 'stripe';

/**
 * A Stripe SDK type as it travels over the wire. The views are typed against the SDK's own
 * object types, so a field the current API version requires cannot be forgotten; the one
 * difference is that the SDK turns `*_decimal` strings into `Stripe.Decimal` objects on receipt.
 */
export type Wire<T> = T extends string | number | boolean | null | undefined
  ? T
  : T extends Stripe.Decimal
    ? string
    : T extends readonly (infer U)[]
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

/** A value of any wire object, for generic code such as `expand[]`. */
export type WireValue =
  string | number | boolean | null | WireValue[] | { [key: string]: WireValue };

export const LIVEMODE = false;
