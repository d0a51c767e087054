import {
  optionalBoolean,
  optionalInt,
  optionalList,
  optionalString,
  type Env,
} from './env-readers';

/** How the gateway takes Stripe webhooks in (`POST /api/webhooks/stripe`). */
export interface StripeWebhookConfig {
  /** The endpoint's signing secret (`whsec_…`); null while unset, and the route then refuses deliveries. */
  secret: string | null;
  /** How old a signature's timestamp may be, in seconds (replay protection; the SDK's default is 300). */
  toleranceSeconds: number;
  /** Whether a subscription event for a subscription the platform does not hold imports it. */
  importOnWebhook: boolean;
  /** Metadata `source` values that mark a Stripe object the platform wrote itself, lower-cased. */
  platformSources: string[];
  /** How long a received event id is kept to recognise a retried delivery; Stripe retries for 3 days. */
  eventsRetentionDays: number;
}

/** What Limio-style platforms write as the origin of their own orders; the same as for Zuora. */
export const DEFAULT_STRIPE_PLATFORM_SOURCES = ['shop', 'salesforce'];

export function readStripeWebhookConfig(env: Env): StripeWebhookConfig {
  const sources = optionalList(env, 'STRIPE_PLATFORM_SOURCES');
  return {
    secret: optionalString(env, 'STRIPE_WEBHOOK_SECRET') ?? null,
    toleranceSeconds: optionalInt(env, 'STRIPE_WEBHOOK_TOLERANCE_SECONDS', 300, {
      min: 1,
      max: 86_400,
    }),
    importOnWebhook: optionalBoolean(env, 'STRIPE_IMPORT_ON_WEBHOOK', false),
    platformSources: (sources.length === 0 ? DEFAULT_STRIPE_PLATFORM_SOURCES : sources).map(
      (source) => source.toLowerCase(),
    ),
    // Stripe retries a delivery for up to three days: a shorter memory would queue a retry again.
    eventsRetentionDays: optionalInt(env, 'STRIPE_WEBHOOK_EVENTS_RETENTION_DAYS', 30, {
      min: 4,
      max: 3_650,
    }),
  };
}
