import { resolveOptions } from './stripe-client.options';

describe('StripeClient options', () => {
  const key = 'sk_test_123';

  it('takes host, port and protocol from apiBase', () => {
    expect(resolveOptions({ apiKey: key, apiBase: 'https://api.stripe.com' })).toMatchObject({
      host: 'api.stripe.com',
      port: 443,
      protocol: 'https',
      apiBase: 'https://api.stripe.com',
    });
    expect(resolveOptions({ apiKey: key, apiBase: 'http://127.0.0.1:12111/' })).toMatchObject({
      host: '127.0.0.1',
      port: 12111,
      protocol: 'http',
    });
    expect(resolveOptions({ apiKey: key, apiBase: 'http://[::1]:8080' })).toMatchObject({
      host: '::1',
      port: 8080,
    });
  });

  it('defaults to a 10 s timeout, 25 requests per second and 4 retries from 0.5 s', () => {
    expect(resolveOptions({ apiKey: key, apiBase: 'https://api.stripe.com' })).toMatchObject({
      timeoutMs: 10_000,
      requestsPerSecond: 25,
      maxRetries: 4,
      retryBaseDelayMs: 500,
      retryMaxDelayMs: 8_000,
    });
  });

  it('refuses what the SDK could not honour', () => {
    expect(() =>
      resolveOptions({ apiKey: key, apiBase: 'https://proxy.example.com/stripe' }),
    ).toThrow('scheme://host[:port] only');
    expect(() => resolveOptions({ apiKey: key, apiBase: 'ftp://api.stripe.com' })).toThrow(
      'http(s)',
    );
    expect(() => resolveOptions({ apiKey: '', apiBase: 'https://api.stripe.com' })).toThrow(
      'apiKey',
    );
    expect(() =>
      resolveOptions({ apiKey: key, apiBase: 'https://api.stripe.com', requestsPerSecond: 0 }),
    ).toThrow('requestsPerSecond must be an integer of at least 1');
  });
});
