import { Counter } from 'prom-client';
import { metricsRegistry } from './metrics.registry';

export type LoginVerificationOutcome = 'verified' | 'invalid' | 'unavailable';

const loginVerifications = new Counter({
  name: 'subsync_login_verifications_total',
  help: "ID tokens the login intake verified, by outcome: verified, invalid (401), unavailable (the provider's keys could not be fetched, 503).",
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export const identityMetrics = {
  loginVerified(outcome: LoginVerificationOutcome): void {
    loginVerifications.inc({ outcome });
  },
};
