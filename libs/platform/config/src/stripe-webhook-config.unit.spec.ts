import { ConfigError } from './config-error';
import { readStripeWebhookConfig } from './stripe-webhook-config';

describe('readStripeWebhookConfig', () => {
  it('defaults: no secret, 300 s tolerance, no import, shop and salesforce', () => {
    expect(readStripeWebhookConfig({})).toEqual({
      secret: null,
      toleranceSeconds: 300,
      importOnWebhook: false,
      platformSources: ['shop', 'salesforce'],
      eventsRetentionDays: 30,
    });
  });

  it('reads every variable', () => {
    expect(
      readStripeWebhookConfig({
        STRIPE_WEBHOOK_SECRET: ' whsec_abc ',
        STRIPE_WEBHOOK_TOLERANCE_SECONDS: '60',
        STRIPE_IMPORT_ON_WEBHOOK: 'TRUE',
        STRIPE_PLATFORM_SOURCES: 'Shop, checkout ,',
        STRIPE_WEBHOOK_EVENTS_RETENTION_DAYS: '7',
      }),
    ).toEqual({
      secret: 'whsec_abc',
      toleranceSeconds: 60,
      importOnWebhook: true,
      platformSources: ['shop', 'checkout'],
      eventsRetentionDays: 7,
    });
  });

  it.each([
    ['0', false],
    ['off', false],
    ['1', true],
    ['yes', true],
  ])('STRIPE_IMPORT_ON_WEBHOOK=%s is %s', (raw, expected) => {
    expect(readStripeWebhookConfig({ STRIPE_IMPORT_ON_WEBHOOK: raw }).importOnWebhook).toBe(
      expected,
    );
  });

  it.each([
    [
      { STRIPE_IMPORT_ON_WEBHOOK: 'maybe' },
      "Invalid configuration: STRIPE_IMPORT_ON_WEBHOOK must be true or false (got 'maybe')",
    ],
    [
      { STRIPE_WEBHOOK_TOLERANCE_SECONDS: '0' },
      "Invalid configuration: STRIPE_WEBHOOK_TOLERANCE_SECONDS must be an integer from 1 to 86400 (got '0')",
    ],
  ])('names the variable that is wrong: %j', (env, message) => {
    expect(() => readStripeWebhookConfig(env)).toThrow(ConfigError);
    expect(() => readStripeWebhookConfig(env)).toThrow(message);
  });
});
