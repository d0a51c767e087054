/** The sandbox's default secret key; requests must send `Authorization: Bearer <key>`. */
export const STRIPE_SANDBOX_API_KEY = 'sk_test_51SandboxSubsync0000000000000000000000000000demo';
/** The API version the sandbox speaks (the pinned version of stripe-node 23.1.0). */
export const STRIPE_SANDBOX_API_VERSION = '2026-10-28.endive';
/** Stripe's global rate limit in sandboxes and test mode: 25 requests per second. */
export const STRIPE_SANDBOX_DEFAULT_RATE_LIMIT_PER_SECOND = 25;
/** stripe-mock's default HTTP port, also the default of the sandbox app. */
export const STRIPE_SANDBOX_DEFAULT_PORT = 12111;
