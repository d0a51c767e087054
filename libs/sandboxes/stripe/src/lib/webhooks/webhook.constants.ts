/** The signing secret `npm start` gives the sandbox's webhook endpoint and the gateway when STRIPE_WEBHOOK_SECRET is unset. */
export const STRIPE_SANDBOX_WEBHOOK_SECRET = 'whsec_subsyncSandboxWebhookSecretNotForProduction';
