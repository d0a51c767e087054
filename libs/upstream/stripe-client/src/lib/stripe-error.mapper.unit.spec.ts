import Stripe from 'stripe';
import { toStripeApiError } from './stripe-error.mapper';

const op = 'GET /v1/subscriptions/sub_1';

describe('toStripeApiError', () => {
  it('classifies Stripe’s answers by status and code', () => {
    const cases: [number, string | undefined, string, boolean][] = [
      [404, 'resource_missing', 'NOT_FOUND', false],
      [400, 'resource_missing', 'NOT_FOUND', false],
      [400, 'parameter_unknown', 'INVALID_REQUEST', false],
      [402, 'card_declined', 'INVALID_REQUEST', false],
      [401, undefined, 'UNAUTHORIZED', false],
      [403, undefined, 'UNAUTHORIZED', false],
      [429, 'rate_limit', 'RATE_LIMITED', true],
      [400, 'rate_limit', 'RATE_LIMITED', true],
      [409, undefined, 'UPSTREAM_UNAVAILABLE', true],
      [500, undefined, 'UPSTREAM_UNAVAILABLE', true],
      [503, undefined, 'UPSTREAM_UNAVAILABLE', true],
    ];
    for (const [statusCode, code, expected, retryable] of cases) {
      const sdkError = Stripe.errors.StripeError.generate({
        statusCode,
        code,
        message: 'boom',
        type: 'invalid_request_error',
        headers: {},
      });
      expect([statusCode, code, toStripeApiError(op, sdkError, 1000)]).toEqual([
        statusCode,
        code,
        expect.objectContaining({ code: expected, retryable, httpStatus: statusCode }),
      ]);
    }
  });

  it('reports a 2xx body that is not JSON as UNEXPECTED_RESPONSE', () => {
    const sdkError = new Stripe.errors.StripeAPIError({
      message: 'Invalid JSON received from the Stripe API',
    });
    expect(toStripeApiError(op, sdkError, 1000)).toMatchObject({
      code: 'UNEXPECTED_RESPONSE',
      retryable: false,
      httpStatus: null,
      message: `Stripe ${op} failed: Invalid JSON received from the Stripe API`,
    });
  });

  it('lets Stripe-Should-Retry override the classification', () => {
    const sdkError = Stripe.errors.StripeError.generate({
      statusCode: 500,
      message: 'boom',
      type: 'api_error',
      headers: { 'stripe-should-retry': 'false' },
    });
    expect(toStripeApiError(op, sdkError, 1000)).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      retryable: false,
    });
  });
});
