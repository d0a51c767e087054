import type { UpstreamCallObserver } from '@subsync/metrics';
import Stripe from 'stripe';
import type { StripeRequestRate } from './stripe-client.options';
import { stripeEndpoint } from './stripe-endpoint';

type HttpClient = Stripe.HttpClient;
type HttpClientResponse = Stripe.HttpClientResponse;

const EXCERPT_LENGTH = 120;

/**
 * An error answer whose body is not JSON (a proxy's HTML page for a 502, say) reaches stripe-node
 * as "Invalid JSON received from the Stripe API" with its status lost. Presenting it as Stripe's
 * error envelope keeps the status, so a 502 is classified (and retried) like any other 5xx.
 */
function withEnvelopeForNonJsonErrors(response: HttpClientResponse): HttpClientResponse {
  const status = response.getStatusCode();
  if (status < 400) return response;
  return {
    getStatusCode: () => response.getStatusCode(),
    getHeaders: () => response.getHeaders(),
    getRawResponse: () => response.getRawResponse(),
    toStream: (done) => response.toStream(done),
    ...(response.dispose ? { dispose: () => response.dispose?.() } : {}),
    toJSON: async (): Promise<unknown> => {
      try {
        return (await response.toJSON()) as unknown;
      } catch (error) {
        const raw = (error as { rawBody?: unknown }).rawBody;
        if (typeof raw !== 'string') throw error;
        const excerpt = raw.slice(0, EXCERPT_LENGTH).replace(/\s+/g, ' ').trim();
        return {
          error: {
            type: status >= 500 ? 'api_error' : 'invalid_request_error',
            message: `HTTP ${status} with a body that is not JSON: '${excerpt}'`,
          },
        };
      }
    },
  };
}

/**
 * stripe-node's Node HTTP client behind the process's rate budget: every attempt (pages of a
 * list and retries included) waits for a token before it goes out. The SDK's timeout starts
 * once the request is sent, so waiting for the budget does not count against it, and neither
 * does it count in the exchange's duration the observer is told.
 */
export class RateBudgetHttpClient implements HttpClient {
  private readonly inner: HttpClient = Stripe.createNodeHttpClient();

  constructor(
    private readonly budget: StripeRequestRate,
    private readonly observer: UpstreamCallObserver,
  ) {}

  getClientName(): string {
    return this.inner.getClientName();
  }

  async makeRequest(...args: Parameters<HttpClient['makeRequest']>): Promise<HttpClientResponse> {
    await this.budget.take();
    const [, , path, method] = args;
    const endpoint = stripeEndpoint(method, path);
    const startedAt = performance.now();
    const seconds = () => (performance.now() - startedAt) / 1000;
    let response: HttpClientResponse;
    try {
      response = await this.inner.makeRequest(...args);
    } catch (error) {
      const timedOut = (error as { code?: unknown }).code === Stripe.HttpClient.TIMEOUT_ERROR_CODE;
      this.observer.exchanged(endpoint, timedOut ? 'timeout' : 'network_error', seconds());
      throw error;
    }
    // The status is known once the headers arrive; the body is read by the SDK afterwards.
    this.observer.exchanged(endpoint, String(response.getStatusCode()), seconds());
    return withEnvelopeForNonJsonErrors(response);
  }
}
