export { StripeClient, type StripeListCallOptions } from './lib/stripe.client';
export {
  STRIPE_API_VERSION,
  type StripeCallOptions,
  type StripeClientOptions,
  type StripeRequestRate,
} from './lib/stripe-client.options';
export {
  StripeApiError,
  type StripeApiErrorDetails,
  type StripeErrorCode,
} from './lib/stripe-error';
export { toStripeApiError } from './lib/stripe-error.mapper';
